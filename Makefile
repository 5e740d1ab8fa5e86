# Two commands for a newcomer: `make serve` and `make test`. Each creates the
# virtual environment it needs, and re-running them skips what is up to date.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.site-installed
DEV_STAMP := $(VENV)/.dev-installed

.PHONY: serve build test check clean

$(SITE_STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(DEV_STAMP): $(SITE_STAMP) requirements-dev.txt package.json package-lock.json
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	npm ci --silent --no-audit --no-fund
	touch $@

serve: $(SITE_STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(SITE_STAMP)
	$(BIN)/mkdocs build --strict

test: $(DEV_STAMP)
	$(BIN)/python -m pytest

check: $(SITE_STAMP)
	$(BIN)/python -m articles check

clean:
	rm -rf site .cache
