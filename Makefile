# Two commands for a newcomer: `make serve` and `make test`. Each creates the
# virtual environment it needs, and re-running them skips what is up to date.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.site-installed
DEV_STAMP := $(VENV)/.dev-installed

.PHONY: serve build test test-fast lint check clean lock

PIP := $(BIN)/python -m pip --disable-pip-version-check
# Every package is installed from the lock files, checked against its hash;
# the project's own package (articles/) is then installed in editable mode
# with the locked setuptools, without downloading anything else. (A plain
# `pip install -r requirements.txt` installs the same, without the hashes.)
$(SITE_STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes --no-deps -r requirements.lock
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(DEV_STAMP): $(SITE_STAMP) requirements-dev.lock package.json package-lock.json
	$(PIP) install --quiet --require-hashes --no-deps -r requirements-dev.lock
	npm ci --silent --no-audit --no-fund
	touch $@

# After editing a requirements*.txt file: pin and hash again. The project's
# own package (`-e .` in requirements.txt) stays out of the locks.
lock: $(SITE_STAMP)
	$(PIP) install --quiet --require-hashes --no-deps -r requirements-lock-tools.lock
	for name in requirements requirements-dev requirements-lock-tools; do \
	  $(BIN)/uv pip compile --quiet --generate-hashes --universal --python-version 3.11.7 --no-header \
	    --no-emit-package base-de-connaissances $$name.txt -o $$name.lock; \
	done

# Served at the root of 127.0.0.1:8000 (site_url otherwise adds the Pages path).
serve: $(SITE_STAMP)
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(SITE_STAMP)
	$(BIN)/mkdocs build --strict

# Every test, on all cores (pytest-xdist). CI=true runs the full fuzzing
# (tests/conftest.py); locally hypothesis runs a quick profile.
test: $(DEV_STAMP)
	$(BIN)/python -m pytest -n auto

# While working: no browser, no fresh venvs, no large generated site.
test-fast: $(DEV_STAMP)
	$(BIN)/python -m pytest -n auto -m "not slow and not browser"

lint: $(DEV_STAMP)
	$(BIN)/ruff check articles hooks tests bench
	$(BIN)/ruff format --check articles hooks tests bench

check: $(SITE_STAMP)
	$(BIN)/python -m articles check

clean:
	rm -rf site .cache
