# The two commands of the README, and a few helpers. `make help` lists the
# targets from their `## ` comments.
.PHONY: run test test-core setup lint clean bench bench-load help

run:            ## serve Odoo with the addon and demo data (ODOO_DB, ODOO_HTTP_PORT, ODOO_WORKERS=0)
	tools/run.sh

test:           ## set everything up, run the whole test suite (pytest-odoo and Odoo's runner)
	tools/test.sh

test-core:      ## Odoo's own test suites (base, mail, hr, portal...) with the addon installed
	tools/test_core.sh

setup:          ## build the runtime and check PostgreSQL, nothing else
	tools/setup.sh

bench:          ## benchmark table: BENCH_SCALES (default "2000 20000 100000"), BENCH_RUNS (5), BENCH_DB (prefix, hrx_bench)
	tools/setup.sh
	.runtime/venv/bin/python tools/bench.py
	$(MAKE) --no-print-directory bench-load

bench-load:     ## public form under load: nginx in front of bin/odoo --workers=2 (BENCH_LOAD_DB, BENCH_LOAD_PORT)
	tools/loadtest_proxy.sh

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

help:           ## list the targets and what they do
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z0-9_-]+:.*## / {printf "  %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
