# crmlab — two commands on a fresh machine: `make report` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
NB     ?= crmlab/notebooks/en/*.ipynb crmlab/notebooks/zh/*.ipynb

.PHONY: setup report test unit nbval e2e wheel-check zh lab notebooks lint bench regenerate-data clean

$(STAMP): pyproject.toml requirements/constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)                     ## create .venv and install crmlab with its dependencies

EDITION ?= en
REPORT_DIR ?= $(if $(filter zh,$(EDITION)),reports-zh,reports)

report: $(STAMP)                    ## run every notebook on the bundled data → reports/index.html (EDITION=zh: 中文 → reports-zh/)
	$(BIN)/crmlab report --lang $(EDITION) --out $(REPORT_DIR)

test: unit nbval                    ## the whole test suite (unit, papermill runs, nbval)

# Tests run on every core (pytest-xdist); nbval keeps each notebook's cells on one worker (loadfile).
JOBS ?= auto

unit: $(STAMP)
	$(BIN)/python -m pytest tests -q --ignore=tests/e2e -n $(JOBS)

nbval: $(STAMP)
	$(BIN)/python -m pytest -q -p no:randomly -n $(JOBS) --dist loadfile --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg $(NB)

E2E_STAMP := $(VENV)/.e2e-stamp
$(E2E_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt -e ".[e2e]"
	@if ! command -v chromium >/dev/null || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "note: cannot install Debian's chromium here (needs root and apt); the browser test will be skipped"; fi; \
	fi
	touch $(E2E_STAMP)

e2e: $(E2E_STAMP) report            ## browser check: serve reports/ and reports-zh/ on 127.0.0.1, open them in headless Chromium
	$(MAKE) --no-print-directory report EDITION=zh
	CRMLAB_REPORT_DIR=reports CRMLAB_REPORT_DIR_ZH=reports-zh $(BIN)/python -m pytest -q tests/e2e

zh:                                 ## (no-op) Chinese plot text needs no extra step: the CJK font ships in crmlab/fonts
	@echo "nothing to do: crmlab ships its CJK font (crmlab/fonts), Chinese renders by default"

lab: $(STAMP)                       ## copy the chapters into lab/ (your working copies; EDITION=zh for 中文) and open JupyterLab there
	$(BIN)/crmlab notebooks copy lab --lang $(EDITION)
	$(BIN)/jupyter lab --notebook-dir=lab

WHEEL_TMP ?= /tmp/crmlab-wheel-check
wheel-check: $(STAMP)               ## build the wheel, install it into an empty venv, run the kit from a folder outside the checkout
	rm -rf "$(WHEEL_TMP)" && mkdir -p "$(WHEEL_TMP)/dist" "$(WHEEL_TMP)/用户 报告"
	$(BIN)/python -m build --outdir "$(WHEEL_TMP)/dist" . >/dev/null
	$(PYTHON) -m venv "$(WHEEL_TMP)/venv"
	"$(WHEEL_TMP)/venv/bin/python" -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt "$(WHEEL_TMP)"/dist/crmlab-*.whl
	cd "$(WHEEL_TMP)/用户 报告" && "$(WHEEL_TMP)/venv/bin/crmlab" datasets && \
	  PYTHONIOENCODING=gbk "$(WHEEL_TMP)/venv/bin/crmlab" report --chapters 00,02 --lang zh --no-progress --out "报告 输出" && \
	  test -s "报告 输出/index.html" && test -s "报告 输出/02_rfm_segmentation.html"

notebooks: $(STAMP)                 ## rebuild crmlab/notebooks/*.ipynb from notebooks/src/*.py and store outputs
	$(BIN)/python tools/build_notebooks.py $(SRC)

lint: $(STAMP)
	$(BIN)/ruff check crmlab tests tools benchmarks

regenerate-data: $(STAMP)           ## rewrite the shipped synthetic CSVs (byte-identical)
	$(BIN)/python -m crmlab.datasets regenerate

bench: $(STAMP)                     ## benchmarks against peers (installs the bench extra)
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e ".[bench]"
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf reports .pytest_cache .hypothesis dist build
