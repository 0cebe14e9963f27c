# The README's two commands are `make test` and `make demo`; the rest is their set-up.
# Set-up steps skip work already done: a second `make test` reuses the venv and the running portal.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
VENV_STAMP := $(VENV)/.installed
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: help test test-slow kill-suite lint demo venv chromium portal-up portal-down portal-status portal-reset clean distclean
.DEFAULT_GOAL := help

## help: list the targets
help:
	@sed -n 's/^## /  make /p' $(firstword $(MAKEFILE_LIST))

## test: set up, bring the local CKAN portal up, run the whole suite (PYTEST_ARGS="-k portal" to narrow it)
test: $(VENV_STAMP) portal-up chromium
	@rc=0; $(BIN)/python -m pytest $(PYTEST_ARGS) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests: that is a failure" >&2; fi; \
	exit $$rc

## test-slow: the reliability suites with figures (fault proxy over the catalogue, hostile corpus, kill suite), apart from `make test`
test-slow: $(VENV_STAMP) portal-up
	$(BIN)/python -m pytest -q -m slow $(PYTEST_ARGS)

## kill-suite: the kill suite alone, its figures printed (SEED=<n> replays one sequence; `make test-slow` runs it with the other suites)
kill-suite: $(VENV_STAMP) portal-up
	PUBLISHER_KILL_SEED=$(SEED) $(BIN)/python -m pytest -q -m slow -s tests/test_kill_suite.py

## lint: ruff (lint and format check) and mypy --strict over the library and the tests
lint: $(VENV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## demo: set up, portal up, then the main job (validate, publish, verify) against the local portal
demo: $(VENV_STAMP) portal-up
	@set -a; source "$${PORTAL_DIR:-.portal}/env"; set +a; rc=0; \
	echo "== publisher validate"; \
	$(BIN)/publisher validate || echo "(validation found problems: see above; invalid packages are not published)"; \
	echo "== publisher publish"; $(BIN)/publisher publish || rc=$$?; \
	if [ $$rc -eq 0 ]; then echo "== publisher verify"; $(BIN)/publisher verify || rc=$$?; fi; \
	echo "== publisher goal"; $(BIN)/publisher goal --html .publisher/reports/metas.html || rc=$$?; \
	echo; \
	echo "Portal:        $$CKAN_URL"; \
	echo "Datasets:      $$CKAN_URL/dataset/   (private ones need a login)"; \
	echo "Organizations: $$CKAN_URL/organization/"; \
	echo "Goal report:   $$PWD/.publisher/reports/metas.html"; \
	echo "Login:         publisher-admin, password in $${PORTAL_DIR:-.portal}/admin-password"; \
	exit $$rc

## venv: the project venv with the package and its test tools
venv: $(VENV_STAMP)

# Under a lock: several people may run `make test` in one tree at once.
$(VENV_STAMP): pyproject.toml
	@mkdir -p $(VENV)
	flock $(VENV)/.lock sh -c 'test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); \
		$(BIN)/pip install --disable-pip-version-check -q -e ".[test]"'
	@touch $@

## chromium: Debian's Chromium, for the HTML report's browser test (Playwright drives it; it never downloads a browser)
chromium:
	@command -v chromium >/dev/null || { \
		apt-get -o DPkg::Lock::Timeout=600 update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium; }

## portal-up / portal-down / portal-status / portal-reset: the local CKAN portal (see portal/README.md)
portal-up:
	@portal/up

portal-down:
	@portal/down

portal-status:
	@portal/status

portal-reset:
	@portal/reset

## clean: stop the portal, delete its data and the project venv (the CKAN install in .portal/ stays)
clean:
	@portal/down --purge
	rm -rf $(VENV) .pytest_cache .mypy_cache bench/out

## distclean: clean, and remove the CKAN installs too
distclean: clean
	rm -rf .portal
