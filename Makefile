# Two commands for a newcomer: `make serve` and `make test`. Each creates the
# virtual environment it needs, and re-running them skips what is up to date.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.site-installed
DEV_STAMP := $(VENV)/.dev-installed

.PHONY: serve build test check clean lock

PIP := $(BIN)/python -m pip --disable-pip-version-check
# Every package is installed from the lock files, checked against its hash;
# the project's own package (articles/) is then installed in editable mode
# with the locked setuptools, without downloading anything else.
$(SITE_STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes --no-deps -r requirements.lock
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(DEV_STAMP): $(SITE_STAMP) requirements-dev.lock package.json package-lock.json
	$(PIP) install --quiet --require-hashes --no-deps -r requirements-dev.lock
	npm ci --silent --no-audit --no-fund
	touch $@

# After editing requirements.txt or requirements-dev.txt: pin and hash again.
lock: $(SITE_STAMP)
	$(PIP) install --quiet uv==0.13.9
	for name in requirements requirements-dev; do \
	  $(BIN)/uv pip compile --quiet --generate-hashes --universal --python-version 3.11.7 --no-header $$name.txt -o $$name.lock; \
	done

# Served at the root of 127.0.0.1:8000 (site_url otherwise adds the Pages path).
serve: $(SITE_STAMP)
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(SITE_STAMP)
	$(BIN)/mkdocs build --strict

test: $(DEV_STAMP)
	$(BIN)/python -m pytest

check: $(SITE_STAMP)
	$(BIN)/python -m articles check

clean:
	rm -rf site .cache
