# The two commands of the README, and a few helpers.
.PHONY: run test setup lint clean bench

run:            ## set everything up, serve Odoo with the addon and demo data
	tools/run.sh

test:           ## set everything up, run the whole test suite
	tools/test.sh

setup:          ## build the runtime and check PostgreSQL, nothing else
	tools/setup.sh

bench:          ## report benchmark: BENCH_DB (default hrx_bench), BENCH_SCALE (default 20000)
	tools/setup.sh
	.runtime/venv/bin/python tools/bench_reports.py --db $(or $(BENCH_DB),hrx_bench) --scale $(or $(BENCH_SCALE),20000)

lint:           ## ruff and pylint-odoo (11.0 rules)
	tools/lint.sh

clean:          ## remove the runtime (databases are kept)
	rm -rf .runtime
