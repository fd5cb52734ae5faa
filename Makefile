# Solace: one entry point for setting up, running and testing on a clean machine.
#   make run    migrate, load the demo clinic if the database is empty, serve with the background worker
#   make test   the whole suite on SQLite (with the browser tests), then the database tests on PostgreSQL
#   make lint   ruff, the import layers (import-linter) and mypy with the django-stubs plugin

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

UV := .tools/bin/uv
PYTHON := .venv/bin/python
SOLACE := .venv/bin/solace
CHROMIUM := /usr/bin/chromium
# The no-skips plugin turns every skipped test into a failure: a skipped test is a failing test with an excuse.
# The matrix summary prints how many routes, operations and requests the access matrix covered.
PYTEST := $(PYTHON) -m pytest -p solace.testing.no_skips -p solace.testing.matrix_summary -rfEs
# The PostgreSQL pass leaves out what cannot differ between databases: the pure domain and the browser journeys.
POSTGRES_PASS := solace tests --ignore=solace/domain -m "not browser"

.PHONY: help setup run test test-sqlite test-postgres lint chromium screenshots

help:
	@echo "make setup          install the locked environment into .venv (uv, bootstrapped into .tools)"
	@echo "make run            migrate, load the demo clinic if empty, serve with the background worker"
	@echo "make test           all tests on SQLite incl. headless Chromium, then database tests on PostgreSQL"
	@echo "make test-sqlite    only the SQLite pass (includes the browser tests)"
	@echo "make test-postgres  only the PostgreSQL pass, on a throwaway cluster the suite starts and removes"
	@echo "make lint           ruff, the import layers (lint-imports) and mypy over solace"
	@echo "make screenshots    refresh docs/screenshots from the demo clinic (docs/screenshots/capture.py)"

setup:
	@test -x $(UV) || { python3 -m venv .tools && .tools/bin/pip install -q uv; }
	$(UV) sync --frozen

run: setup
	$(SOLACE) migrate --noinput --verbosity 0
	$(SOLACE) demo --if-empty
	exec $(SOLACE) serve --with-worker

# Browser tests drive Debian's Chromium (Playwright cannot download its own browsers here).
chromium:
	@if [ -x $(CHROMIUM) ]; then \
		echo "Chromium: $$($(CHROMIUM) --version 2>/dev/null) at $(CHROMIUM)"; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "Chromium is missing: installing Debian's chromium package with apt-get"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else \
		echo "The browser tests need Chromium at $(CHROMIUM), and only root can install it here." >&2; \
		echo "Install it with: sudo apt-get install -y chromium   (then run make test again)" >&2; \
		exit 1; \
	fi

# Both passes always run, so one run reports everything; the target fails if either pass failed.
test: setup chromium
	@start=$$(date +%s); lint=passed; sqlite=passed; postgres=passed; \
	$(MAKE) --no-print-directory lint || lint=FAILED; \
	$(MAKE) --no-print-directory test-sqlite || sqlite=FAILED; \
	$(MAKE) --no-print-directory test-postgres || postgres=FAILED; \
	echo "make test: lint $$lint, SQLite pass $$sqlite, PostgreSQL pass $$postgres, $$(( $$(date +%s) - start ))s"; \
	[ $$lint = passed ] && [ $$sqlite = passed ] && [ $$postgres = passed ]

test-sqlite: setup
	@echo "=== Pass 1: the whole suite on SQLite, browser tests included ==="
	env -u DATABASE_URL $(PYTEST) -m "not postgres"

test-postgres: setup
	@echo "=== Pass 2: database tests on a throwaway PostgreSQL cluster ==="
	$(PYTHON) -m solace.testing.postgres -- $(PYTEST) $(POSTGRES_PASS)

lint: setup
	@echo "=== Lint: ruff on everything, the layers contract (import-linter), mypy over solace ==="
	.venv/bin/ruff check .
	.venv/bin/lint-imports --no-cache
	.venv/bin/mypy

screenshots: setup chromium
	$(PYTHON) docs/screenshots/capture.py
