# The two set-up commands of the README: `make serve` (main job) and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
LETTERS ?=
# the engine of a LETTERS index: auto = tantivy above indexer/limits.py's WHOOSH_MAX_LETTERS files
ENGINE ?= auto
INDEX ?= var/index
HOST ?= 127.0.0.1
PORT ?= 5000
DEMO_LETTERS ?= 500
DEBIAN_PACKAGES := poppler-utils chromium libharfbuzz-subset0 fonts-dejavu-core

.PHONY: serve test debian venv lint audit bench-relevance

debian:  ## Debian packages the site and tests use (PDF rendering and reading, headless browser)
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages: $$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

venv: $(VENV)/.installed

serve: debian venv  ## Index LETTERS (default: a synthetic demo corpus) and serve the site
	@if [ -z "$(LETTERS)" ]; then \
	  $(VENV)/bin/imr synth $(DEMO_LETTERS) var/demo-letters --seed 1 --quiet; \
	  $(VENV)/bin/imr index var/demo-letters --index $(INDEX) --prune; \
	else \
	  $(VENV)/bin/imr index "$(LETTERS)" --index $(INDEX) --prune --engine $(ENGINE) || true; \
	fi
	$(VENV)/bin/imr serve --index $(INDEX) --host $(HOST) --port $(PORT)

lint: venv
	$(VENV)/bin/ruff check .

audit: venv  ## Fail on dependencies with known vulnerabilities (see .ci/audit.py)
	$(VENV)/bin/pip-audit --skip-editable --progress-spinner off --format json 2>/dev/null \
	  | $(PY) .ci/audit.py

test: debian venv lint audit  ## Lint, audit the dependencies and run every test
	$(VENV)/bin/python -m pytest -n 2 $(PYTEST_ARGS)

bench-relevance: venv  ## Precedent relevance over the shared real letters (bench/relevance.py)
	$(PY) bench/relevance.py
