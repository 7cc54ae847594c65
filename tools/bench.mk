# `make bench`: graphkit's benchmarks (benchmarks/run.py), included by the main Makefile.
# Every figure is a ratio against a baseline measured in the same run, because the machine is shared.
#   make bench                      default sizes, a few minutes on 2 cores
#   make bench BENCH_SCALE=full     the full sizes (1M relationships, 10,000 articles; much longer)
#   make bench BENCH_STAGES=nx,maps only some stages (extract, nx, neo4j, maps, serve, memory)
# Writes out/bench.json and prints metric, value, goal, pass/FAIL. The Neo4j figures need the server
# of `make neo4j-up` (or NEO4J_URI) and are recorded as "skipped: no server" without it (CI=true too:
# bench is not CI); the first-draw figures need `make browser-deps`.
# BENCH_STRICT=1 makes a missed goal fail the target.
VENV ?= .venv
BENCH_SCALE ?= default
BENCH_STAGES ?= extract,nx,neo4j,maps,serve,memory
# The server of tools/neo4j/neo4j.mk (NEO4J_PORT) unless NEO4J_URI says otherwise.
BENCH_NEO4J_URI ?= $(or $(NEO4J_URI),bolt://127.0.0.1:$(or $(NEO4J_PORT),7687))

.PHONY: bench

bench: $(VENV)/.installed-test
	BENCH_SCALE=$(BENCH_SCALE) BENCH_STAGES=$(BENCH_STAGES) NEO4J_URI=$(BENCH_NEO4J_URI) \
	  $(VENV)/bin/python benchmarks/run.py
