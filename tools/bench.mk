# `make bench`: graphkit's benchmarks (benchmarks/run.py), included by the main Makefile.
# Every figure is a ratio against a baseline measured in the same run, because the machine is shared.
#   make bench                      default sizes, a few minutes on 2 cores
#   make bench BENCH_SCALE=full     the full sizes (1M relationships, 10,000 articles; much longer)
#   make bench BENCH_STAGES=nx,maps only some stages (extract, nx, neo4j, maps, serve, memory)
# Writes out/bench.json and prints metric, value, goal, pass/FAIL. BENCH_STRICT=1 makes a missed goal
# fail the target.
#
# The Neo4j stage runs its own server (home BENCH_NEO4J_HOME, port BENCH_NEO4J_PORT), started here and
# stopped after: it has APOC core (+ apoc-common) in its plugins/ with apoc.* unrestricted, which the
# peers it compares with (LangChain, neo4j-graphrag) need. The test and user servers never get APOC.
# It is emptied between runs, and stopped and started again by the bulk-import figures. The serve stage
# uses it too (the explorer over Neo4j). The first-draw figures need `make browser-deps`.
VENV ?= .venv
BENCH_SCALE ?= default
BENCH_STAGES ?= extract,nx,neo4j,maps,serve,memory
BENCH_NEO4J_PORT ?= 7689
BENCH_NEO4J_HOME ?= $(CURDIR)/.neo4j-bench
BENCH_APOC = $(BENCH_NEO4J_HOME)/plugins/.apoc

.PHONY: bench bench-neo4j-up bench-neo4j-down

$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed-test
	@$(VENV)/bin/pip install -qq -e ".[model,test,bench]"
	@touch $@

$(BENCH_APOC): tools/neo4j/apoc-pom.xml
	@echo "bench: fetching APOC for the benchmark server into $(BENCH_NEO4J_HOME)/plugins"
	@mkdir -p '$(BENCH_NEO4J_HOME)/plugins' tools/neo4j/target
	@mvn -B -q -f tools/neo4j/apoc-pom.xml package '-Dapoc.dir=$(BENCH_NEO4J_HOME)/plugins' \
	  > tools/neo4j/target/apoc-build.log 2>&1 \
	  || { echo "bench: fetching APOC failed; tools/neo4j/target/apoc-build.log says:" >&2; \
	       tail -n 20 tools/neo4j/target/apoc-build.log >&2; exit 1; }
	@touch '$@'

bench-neo4j-up: $(BENCH_APOC)
	@$(MAKE) --no-print-directory neo4j-up NEO4J_HOME_DIR='$(BENCH_NEO4J_HOME)' NEO4J_PORT=$(BENCH_NEO4J_PORT) \
	  NEO4J_UNRESTRICTED='apoc.*'

bench-neo4j-down:
	@$(MAKE) --no-print-directory neo4j-down NEO4J_HOME_DIR='$(BENCH_NEO4J_HOME)' NEO4J_PORT=$(BENCH_NEO4J_PORT)

# graphkit's modules are compiled to bytecode first, as pip does for an installed package: the CLI
# timings are processes starting as users start them, and with PYTHONDONTWRITEBYTECODE set (as in
# some shells and CI) an editable install would otherwise compile every module from source each time.
bench: $(VENV)/.installed-bench $(NEO4J_CLASS_ARCHIVE)
	@$(VENV)/bin/python -m compileall -q graphkit
	@case ",$(BENCH_STAGES)," in *,neo4j,*|*,serve,*) $(MAKE) --no-print-directory bench-neo4j-up || exit 1;; esac; \
	status=0; BENCH_SCALE=$(BENCH_SCALE) BENCH_STAGES=$(BENCH_STAGES) BENCH_NEO4J_PARTS=$(BENCH_NEO4J_PARTS) NEO4J_URI=bolt://127.0.0.1:$(BENCH_NEO4J_PORT) \
	  BENCH_NEO4J_HOME='$(BENCH_NEO4J_HOME)' BENCH_NEO4J_PORT=$(BENCH_NEO4J_PORT) \
	  $(VENV)/bin/python benchmarks/run.py || status=$$?; \
	case ",$(BENCH_STAGES)," in *,neo4j,*|*,serve,*) $(MAKE) --no-print-directory bench-neo4j-down;; esac; \
	exit $$status
