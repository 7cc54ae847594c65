# graphkit: everything a fresh machine needs, in two commands: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
GRAPHKIT := $(VENV)/bin/graphkit
MAP ?= out/map.html

.DEFAULT_GOAL := help
.PHONY: help venv install demo test test-fast lint schema clean

include tools/neo4j/neo4j.mk
include tools/browser.mk
-include tools/bench.mk

help:
	@echo "make demo   - install into $(VENV), load seeds/ into the default store (graphkit-data/graph.db), write $(MAP)"
	@echo "make test   - install test dependencies, start Neo4j and Chromium, run every test"
	@echo "make test-fast - the quick tests only (no Neo4j, no browser, nothing slow): under a minute"
	@echo "make schema - regenerate cypher/schema.cypher and docs/model.md's tables from graphkit/schema.py"
	@echo "make lint   - ruff";
	@echo "make bench  - benchmarks, ratios against same-run baselines (out/bench.json)"
	@echo "make neo4j-up | neo4j-down | neo4j-status - the local Neo4j server"
	@echo "make clean  - remove the venv, caches, outputs and local server data"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

# Installs are stamped so repeated runs are fast; the stamp changes when pyproject.toml does.
$(VENV)/.installed: pyproject.toml | $(PY)
	@echo "installing graphkit and its spaCy model into $(VENV) ..."
	@$(PIP) install -qq -e ".[model]"
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	@$(PIP) install -qq -e ".[model,test]"
	@touch $@

venv: $(PY)
install: $(VENV)/.installed

# The default store, so that README.md's "Using it" works as written afterwards (loading is idempotent).
demo: $(VENV)/.installed
	@$(GRAPHKIT) load seeds/
	@$(GRAPHKIT) stats
	@$(GRAPHKIT) render -o $(MAP) --title "graphkit demo: seeds/"

# The bulk loader's class archive (CLASS_ARCHIVE in graphkit/store/neo4j_bulk.py), made by one
# small bulk load whenever the jars change: bulk loads start faster from it and work without it.
$(NEO4J_CLASS_ARCHIVE): $(NEO4J_STAMP) $(VENV)/.installed
	@$(PY) -m graphkit.store.neo4j_bulk archive-classes '$(NEO4J_LIB)' || true

# Starts the local Neo4j server (and stops it again if this run started it) and installs
# Debian's Chromium for the browser tests; under CI=true a missing server fails the tests.
test: $(VENV)/.installed-test browser-deps $(NEO4J_CLASS_ARCHIVE)
	@$(NEO4J_READ_PID); was_running=$${pid:+yes}; \
	$(MAKE) --no-print-directory neo4j-up || exit 1; \
	status=0; $(PY) -m pytest -q || status=$$?; \
	[ -n "$$was_running" ] || $(MAKE) --no-print-directory neo4j-down; \
	exit $$status

test-fast: $(VENV)/.installed-test
	$(PY) -m pytest -q -m "not neo4j and not browser and not slow"

# cypher/schema.cypher and the tables of docs/model.md, generated from graphkit/schema.py.
schema: $(VENV)/.installed
	$(PY) -c "from graphkit.schema import main; main()"

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check graphkit tests

clean: neo4j-down
	rm -rf $(VENV) out graphkit-data .pytest_cache .ruff_cache build *.egg-info .neo4j .neo4j-bench tools/neo4j/target
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
