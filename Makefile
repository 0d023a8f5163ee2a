# crmlab — two commands on a fresh machine: `make report` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
NB     ?= notebooks/*.ipynb

.PHONY: setup report test unit nbval lab notebooks lint bench regenerate-data clean

$(STAMP): pyproject.toml requirements/constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)                     ## create .venv and install crmlab with its dependencies

report: $(STAMP)                    ## run every notebook on the bundled data → reports/index.html
	$(BIN)/crmlab report --out reports

test: unit nbval                    ## the whole test suite (unit, papermill runs, nbval)

unit: $(STAMP)
	$(BIN)/python -m pytest tests -q

nbval: $(STAMP)
	$(BIN)/python -m pytest -q -p no:randomly --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg $(NB)

lab: $(STAMP)                       ## open JupyterLab on the notebooks
	$(BIN)/jupyter lab --notebook-dir=notebooks

notebooks: $(STAMP)                 ## rebuild notebooks/*.ipynb from notebooks/src/*.py and store outputs
	$(BIN)/python tools/build_notebooks.py $(SRC)

lint: $(STAMP)
	$(BIN)/ruff check crmlab tests tools benchmarks

regenerate-data: $(STAMP)           ## rewrite the shipped synthetic CSVs (byte-identical)
	$(BIN)/python -m crmlab.datasets regenerate

bench: $(STAMP)                     ## benchmarks against peers (installs the bench extra)
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e ".[bench]"
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf reports .pytest_cache .hypothesis
