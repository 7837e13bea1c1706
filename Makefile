# The two commands of the README, and a few helpers.
.PHONY: run test setup lint clean bench

run:            ## set everything up, serve Odoo with the addon and demo data
	tools/run.sh

test:           ## set everything up, run the whole test suite
	tools/test.sh

setup:          ## build the runtime and check PostgreSQL, nothing else
	tools/setup.sh

bench:          ## benchmark table: BENCH_SCALES (default "2000 20000 100000"), BENCH_RUNS (5), BENCH_DB (prefix, hrx_bench)
	tools/setup.sh
	.runtime/venv/bin/python tools/bench.py

lint:           ## ruff, Python 3.5 syntax check, pylint-odoo (11.0 rules)
	tools/lint.sh

clean:          ## remove the runtime (databases are kept)
	rm -rf .runtime

# Translations: export the addon's terms to i18n/hr_exit_interview.pot (scratch
# database) and merge them into i18n/nb.po. `make i18n I18N_ARGS=--check` fails
# while an entry is untranslated; see tools/i18n_update.py --help.
.PHONY: i18n
i18n:           ## refresh i18n/hr_exit_interview.pot and merge it into i18n/nb.po
	tools/setup.sh
	.runtime/venv/bin/python tools/i18n_update.py $(I18N_ARGS)
