# Local Neo4j Community server (5.26 LTS, embedded + Bolt) for development, tests and CI; no Docker.
# Included by the main Makefile (`include tools/neo4j/neo4j.mk`); also works alone:
#   make -f tools/neo4j/neo4j.mk neo4j-up
#
#   neo4j-build   jars into $(NEO4J_LIB) via Maven (first time ~1 min of downloads; redone only
#                 when tools/neo4j/pom.xml or the launcher source changes)
#   neo4j-up      start in the background (nohup) and wait until Bolt answers RETURN 1; idempotent
#   neo4j-down    SIGTERM, wait for a clean shutdown (~3 s); harmless when not running
#   neo4j-status  running/stopped, pid, Bolt URI
#
# User neo4j, password NEO4J_PASSWORD (default graphkit-local: a dev password for a server that
# listens on 127.0.0.1 only). The first start sets it; a later start with another NEO4J_PASSWORD
# changes it. Ctrl-C in the shell that ran make does not stop the server (nohup/&): neo4j-down does.
# Data and logs live in NEO4J_HOME_DIR (data/, logs/debug.log, logs/launcher.log, neo4j.pid) and
# survive restarts; `make neo4j-down` then deleting its data/ starts from an empty database.
#
# Overridable: NEO4J_PORT NEO4J_HOME_DIR NEO4J_PASSWORD NEO4J_HEAP NEO4J_PAGECACHE_MB NEO4J_TIMEOUT
# NEO4J_STOP_TIMEOUT NEO4J_PYTHON NEO4J_JAVA NEO4J_MVN NEO4J_LIB NEO4J_JAVA_OPTS (defaults below), and
# NEO4J_UNRESTRICTED (procedures given full access, e.g. 'apoc.*': set by tools/bench.mk for the
# benchmark server only; the jars in NEO4J_HOME_DIR/plugins then also go on the classpath, where
# Neo4j finds a plugin's extensions, such as APOC's configuration).

NEO4J_TOOLS := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
NEO4J_ROOT := $(abspath $(NEO4J_TOOLS)/../..)

NEO4J_PORT ?= 7687
NEO4J_HOME_DIR ?= $(NEO4J_ROOT)/.neo4j
NEO4J_PASSWORD ?= graphkit-local
NEO4J_HEAP ?= 1g
NEO4J_PAGECACHE_MB ?= 256
NEO4J_TIMEOUT ?= 120
NEO4J_STOP_TIMEOUT ?= 60
# Not PYTHON: the main Makefile's PYTHON is the interpreter that creates the venv, while this one
# must have the neo4j driver installed, i.e. the venv's.
NEO4J_PYTHON ?= $(or $(VENV),.venv)/bin/python
NEO4J_JAVA ?= $(if $(JAVA_HOME),$(JAVA_HOME)/bin/java,java)
NEO4J_MVN ?= mvn
# Jars are cached apart from the server's home so that a throwaway NEO4J_HOME_DIR reuses them.
NEO4J_LIB ?= $(NEO4J_ROOT)/.neo4j/lib

# The launcher reads the password from the environment only, so it never shows in `ps` or in make's output.
export NEO4J_PASSWORD

NEO4J_PID = $(NEO4J_HOME_DIR)/neo4j.pid
NEO4J_LOG = $(NEO4J_HOME_DIR)/logs/launcher.log
NEO4J_URI = bolt://127.0.0.1:$(NEO4J_PORT)
NEO4J_STAMP = $(NEO4J_LIB)/.built
# The bulk loader's class archive; the main Makefile's rule makes it (it needs graphkit installed).
NEO4J_CLASS_ARCHIVE = $(NEO4J_LIB)/graphkit-bulk.jsa
NEO4J_SOURCES := $(NEO4J_TOOLS)/pom.xml $(wildcard $(NEO4J_TOOLS)/src/main/java/graphkit/neo4j/*.java)

# -Xms = -Xmx: a fixed heap, as Neo4j recommends (else debug.log warns); the page cache is off-heap
# and set by the launcher. The --add-opens, --enable-native-access and log4j2.disable.jmx are the
# flags Neo4j 5 itself puts in neo4j.conf (its config migrator adds exactly these): without the
# opens, Java 17 stops Neo4j reaching file descriptors and direct buffers by reflection, and it
# logs "Incorrect file descriptor" warnings and falls back to a slower page cache.
# tryReflectionSetAccessible lets Netty (the Bolt server) use its faster direct buffers.
NEO4J_JAVA_OPTS ?= -Xms$(NEO4J_HEAP) -Xmx$(NEO4J_HEAP) -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow \
	--add-opens=java.base/java.nio=ALL-UNNAMED \
	--add-opens=java.base/java.io=ALL-UNNAMED \
	--add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
	--enable-native-access=ALL-UNNAMED \
	-Dio.netty.tryReflectionSetAccessible=true \
	-Dlog4j2.disable.jmx=true -Dfile.encoding=UTF-8

NEO4J_WAIT = '$(NEO4J_PYTHON)' '$(NEO4J_TOOLS)/wait_bolt.py' --port $(NEO4J_PORT)
# Shell snippet: sets pid to the launcher's pid when the pid file names a live launcher, else to "".
# Checking the command line guards against a stale pid file whose pid now belongs to something else;
# -ww: without it ps cuts the line at COLUMNS (set under pytest) and the check missed a live server.
NEO4J_READ_PID = pid=$$(cat '$(NEO4J_PID)' 2>/dev/null || true); \
	if [ -n "$$pid" ] && ! ps -ww -p "$$pid" -o args= 2>/dev/null | grep -q graphkit.neo4j.Launcher; then pid=; fi

.PHONY: neo4j-build neo4j-up neo4j-down neo4j-status

neo4j-build: $(NEO4J_STAMP)

$(NEO4J_STAMP): $(NEO4J_SOURCES)
	@echo "neo4j: building the launcher and fetching Neo4j jars into $(NEO4J_LIB) (first time: ~1 min)"
	@rm -rf '$(NEO4J_LIB)' && mkdir -p '$(NEO4J_TOOLS)/target'
	@# Output goes to a log (Debian's Maven 3.8 prints stray colour codes even with -B -q); shown on failure.
	@$(NEO4J_MVN) -B -q -f '$(NEO4J_TOOLS)/pom.xml' package '-Dneo4j.lib=$(NEO4J_LIB)' \
	  > '$(NEO4J_TOOLS)/target/mvn-build.log' 2>&1 \
	  || { echo "neo4j: Maven build failed; $(NEO4J_TOOLS)/target/mvn-build.log says:" >&2; \
	       tail -n 40 '$(NEO4J_TOOLS)/target/mvn-build.log' >&2; exit 1; }
	@touch '$@'

neo4j-up: $(NEO4J_STAMP)
	@[ -x '$(NEO4J_PYTHON)' ] || { echo "neo4j: $(NEO4J_PYTHON) not found; it needs the neo4j driver (run 'make install')" >&2; exit 1; }
	@mkdir -p '$(NEO4J_HOME_DIR)/logs'
	@$(NEO4J_READ_PID); \
	if [ -n "$$pid" ]; then \
	  $(NEO4J_WAIT) --timeout 3 --quiet; rc=$$?; \
	  if [ $$rc = 0 ]; then echo "neo4j: already running on $(NEO4J_URI) (pid $$pid)"; exit 0; fi; \
	  if [ $$rc = 2 ]; then \
	    echo "neo4j: running (pid $$pid) but refuses NEO4J_PASSWORD; it takes a new password on restart: make neo4j-down neo4j-up" >&2; \
	    exit 1; \
	  fi; \
	  echo "neo4j: pid $$pid is up but $(NEO4J_URI) does not answer yet; waiting"; \
	else \
	  rm -f '$(NEO4J_PID)'; \
	  $(NEO4J_WAIT) --check-free || exit 1; \
	  echo "neo4j: starting on $(NEO4J_URI) (home $(NEO4J_HOME_DIR), log $(NEO4J_LOG))"; \
	  echo "--- $$(date '+%F %T') neo4j-up" >> '$(NEO4J_LOG)'; \
	  nohup '$(NEO4J_JAVA)' $(NEO4J_JAVA_OPTS) -cp '$(NEO4J_LIB)/*$(if $(NEO4J_UNRESTRICTED),:$(NEO4J_HOME_DIR)/plugins/*)' graphkit.neo4j.Launcher \
	    --home '$(NEO4J_HOME_DIR)' --port $(NEO4J_PORT) --pagecache $(NEO4J_PAGECACHE_MB) \
	    $(if $(NEO4J_UNRESTRICTED),--unrestricted '$(NEO4J_UNRESTRICTED)') \
	    >> '$(NEO4J_LOG)' 2>&1 < /dev/null & \
	  pid=$$!; echo $$pid > '$(NEO4J_PID)'; \
	fi; \
	start=$$(date +%s); \
	if $(NEO4J_WAIT) --timeout $(NEO4J_TIMEOUT) --pid $$pid; then \
	  echo "neo4j: ready on $(NEO4J_URI) (pid $$pid, user neo4j, $$(( $$(date +%s) - start ))s)"; \
	else \
	  echo "neo4j: failed to start; last lines of $(NEO4J_LOG) (more in $(NEO4J_HOME_DIR)/logs/debug.log):" >&2; \
	  tail -n 30 '$(NEO4J_LOG)' >&2; \
	  exit 1; \
	fi

neo4j-down:
	@$(NEO4J_READ_PID); \
	if [ -z "$$pid" ]; then rm -f '$(NEO4J_PID)'; echo "neo4j: not running"; exit 0; fi; \
	echo "neo4j: stopping pid $$pid"; \
	kill -TERM "$$pid" 2>/dev/null || true; \
	i=0; while kill -0 "$$pid" 2>/dev/null; do \
	  i=$$((i + 1)); \
	  if [ $$i -gt $$(( $(NEO4J_STOP_TIMEOUT) * 2 )) ]; then \
	    echo "neo4j: pid $$pid still up after $(NEO4J_STOP_TIMEOUT)s; killing it (the next start recovers)" >&2; \
	    kill -KILL "$$pid" 2>/dev/null || true; sleep 1; break; \
	  fi; \
	  sleep 0.5; \
	done; \
	rm -f '$(NEO4J_PID)'; echo "neo4j: stopped"

neo4j-status:
	@$(NEO4J_READ_PID); \
	if [ -z "$$pid" ]; then echo "neo4j: stopped ($(NEO4J_URI), home $(NEO4J_HOME_DIR))"; exit 0; fi; \
	if [ -x '$(NEO4J_PYTHON)' ] && $(NEO4J_WAIT) --timeout 2 --quiet; then state="running"; else state="running, Bolt not answering"; fi; \
	echo "neo4j: $$state, pid $$pid, $(NEO4J_URI), user neo4j, home $(NEO4J_HOME_DIR)"
