# ekd: two commands on a fresh machine.
#   make run   set up, initialise, serve on http://127.0.0.1:5000
#   make test  set up (test tools, Chromium), then every test; pytest prints its summary line

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.stamp
APT    := DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends

.PHONY: run test bench clean system-app system-postgres system-test node npm-app npm-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP)-app: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(STAMP)-test: $(STAMP)-app
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# Front-end libraries from the npm registry: bpmn-js for the app's diagrams, bpmnlint for the quality
# center's checks (run by Node on the server), axe-core for the tests. Node and npm come from apt when missing.
node:
	@command -v npm >/dev/null 2>&1 || { apt-get update -qq && $(APT) nodejs npm; }

npm-app: node
	@test -f node_modules/bpmn-js/package.json -a -f node_modules/bpmnlint/package.json \
	  || npm ci --omit=dev --no-audit --no-fund --loglevel=error

npm-test: node
	@test -f node_modules/axe-core/package.json -a -f node_modules/bpmn-js/package.json \
	  -a -f node_modules/bpmnlint/package.json || npm ci --no-audit --no-fund --loglevel=error

# System packages, installed when missing: WeasyPrint's libraries (PDF export) for the app;
# Debian's Chromium (browser tests) and PostgreSQL (the tests start a private cluster) for the tests.
system-app:
	@ldconfig -p | grep -q libpangoft2-1.0.so.0 && test -d /usr/share/fonts/truetype/dejavu \
	  || { apt-get update -qq && $(APT) libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core; }

system-postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { apt-get update -qq && $(APT) postgresql; }

system-test: system-app system-postgres
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && $(APT) chromium; }

run: $(STAMP)-app npm-app system-app
	$(BIN)/ekd init --demo-users
	$(BIN)/ekd serve --host 127.0.0.1 --port 5000

test: $(STAMP)-test npm-test system-test
	$(BIN)/python -m pytest

# Not part of `make test`: several minutes, prints a table, writes bench/results/<date>.json.
bench: $(STAMP)-test system-postgres
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache node_modules
