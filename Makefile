# research-digest: `make site` on a fresh clone sets up, ingests and builds; `make test` tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HASH   := $(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)
# Every install takes the exact versions in requirements.lock; pyproject.toml keeps the ranges.
PIP    := $(BIN)/python -m pip install -qq -c requirements.lock
STAMP  := $(VENV)/.installed-$(HASH)
TEST_STAMP := $(VENV)/.test-installed-$(HASH)
PORT   ?= 8000
BASE_URL ?= /
SITE_URL ?=
SITE_FLAGS = --base-url $(BASE_URL) $(if $(SITE_URL),--site-url $(SITE_URL))

.PHONY: site ingest build serve test test-fast test-hostile lint gate publish bench check clean

site: $(STAMP)  ## set up, ingest content/sources/, build the site into build/
	$(BIN)/digest ingest
	$(BIN)/digest build $(SITE_FLAGS)

$(STAMP):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade pip
	$(PIP) -e '.[publish]'
	rm -f $(VENV)/.installed-* && touch $@

$(TEST_STAMP): $(STAMP)  # the test and lint tools (Playwright, axe, hypothesis, ruff, mypy) only for make test/lint
	$(PIP) -e '.[test,publish,lint]'
	rm -f $(VENV)/.test-installed-* && touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

ingest: $(STAMP)
	$(BIN)/digest ingest

build: $(STAMP)
	$(BIN)/digest build $(SITE_FLAGS)

serve: $(STAMP)  ## preview on http://127.0.0.1:$(PORT)/ and rebuild on change
	$(BIN)/digest serve --port $(PORT) $(SITE_FLAGS)

check: $(STAMP)
	$(BIN)/digest check

test: $(TEST_STAMP) node_modules/.installed  ## the whole suite: browser, Nu checker and slow tests included
	$(BIN)/python -m pytest -q

test-fast: $(TEST_STAMP)  ## everything but the browser and slow tests
	$(BIN)/python -m pytest -q -m "not browser and not slow"

test-hostile: $(TEST_STAMP) node_modules/.installed  ## the property tests with >= 10,000 examples each
	HYPOTHESIS_PROFILE=hostile $(BIN)/python -m pytest -q tests/test_hostile_properties.py tests/test_render_site.py

lint: $(TEST_STAMP)  ## ruff check and mypy on src/, ruff format --check on all the Python
	$(BIN)/ruff check src
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

# BASE_URL given (make publish BASE_URL=/x/) wins; otherwise digest publish reads it from origin's URL.
GIVEN_BASE = $(if $(filter command line environment,$(origin BASE_URL)),--base-url $(BASE_URL))
publish: $(STAMP)  ## build for origin's Pages address (/REPO/ or /), refuse if search would break, commit to gh-pages
	$(BIN)/digest ingest
	$(BIN)/digest publish $(GIVEN_BASE) $(if $(SITE_URL),--site-url $(SITE_URL))

gate: $(STAMP)  ## extraction figures against tests/quality/floors.yaml (also a test); GATE_FLAGS=--update raises floors
	PYTHONPATH=src $(BIN)/python bench/gate.py $(GATE_FLAGS)

bench: $(STAMP)
	$(PIP) -e '.[bench]'
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/build.py --sizes 1000

clean:
	rm -rf build .cache test-results
