# The two commands of the README, and a few helpers.
.PHONY: run test setup lint clean

run:            ## set everything up, serve Odoo with the addon and demo data
	tools/run.sh

test:           ## set everything up, run the whole test suite
	tools/test.sh

setup:          ## build the runtime and check PostgreSQL, nothing else
	tools/setup.sh

lint:           ## ruff and pylint-odoo (11.0 rules)
	tools/lint.sh

clean:          ## remove the runtime (databases are kept)
	rm -rf .runtime
