# research-digest: `make site` on a fresh clone sets up, ingests and builds; `make test` tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HASH   := $(shell cksum < pyproject.toml | cut -d' ' -f1)
STAMP  := $(VENV)/.installed-$(HASH)
TEST_STAMP := $(VENV)/.test-installed-$(HASH)
PORT   ?= 8000
BASE_URL ?= /
SITE_URL ?=
SITE_FLAGS = --base-url $(BASE_URL) $(if $(SITE_URL),--site-url $(SITE_URL))

.PHONY: site ingest build serve test test-fast publish bench check clean

site: $(STAMP)  ## set up, ingest content/sources/, build the site into build/
	$(BIN)/digest ingest
	$(BIN)/digest build $(SITE_FLAGS)

$(STAMP):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade pip
	$(BIN)/python -m pip install -qq -e '.[publish]'
	rm -f $(VENV)/.installed-* && touch $@

$(TEST_STAMP): $(STAMP)  # the test tools (Playwright, axe, hypothesis) only for make test
	$(BIN)/python -m pip install -qq -e '.[test,publish]'
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

test: $(TEST_STAMP) node_modules/.installed  ## the whole suite, browser tests included
	$(BIN)/python -m pytest -q

test-fast: $(TEST_STAMP)  ## everything but the browser tests
	$(BIN)/python -m pytest -q -m "not browser"

publish: site  ## commit build/ to the gh-pages branch (push it yourself, or let CI deploy)
	$(BIN)/ghp-import --no-jekyll --message "Publish digest" build

bench: $(STAMP)
	$(BIN)/python -m pip install -qq -e '.[bench]'
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/build.py --sizes 1000

clean:
	rm -rf build .cache test-results
