# ekd: two commands on a fresh machine.
#   make run   set up, initialise, serve on http://127.0.0.1:5000
#   make test  set up (test tools, Chromium), then every test; pytest prints its summary line

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.stamp
APT    := DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends

.PHONY: run test bench clean system-app system-postgres system-test node npm-app npm-test bundle

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP)-app: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(STAMP)-test: $(STAMP)-app
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

$(STAMP)-bench: $(STAMP)-test
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	touch $@

# Front-end libraries from the npm registry: bpmn-js for the app's diagrams, bpmn-js-properties-panel and
# dmn-js for the quality center's editors (bundled by esbuild, below), bpmnlint for the quality center's
# checks (run by Node on the server), axe-core for the tests. Node and npm come from apt when missing.
NPM_APP := bpmn-js bpmnlint bpmn-js-properties-panel dmn-js esbuild
node:
	@command -v npm >/dev/null 2>&1 || { apt-get update -qq && $(APT) nodejs npm; }

npm-app: node
	@(for p in $(NPM_APP); do test -f node_modules/$$p/package.json || exit 1; done) \
	  || npm ci --omit=dev --no-audit --no-fund --loglevel=error

npm-test: node
	@(for p in axe-core $(NPM_APP); do test -f node_modules/$$p/package.json || exit 1; done) \
	  || npm ci --no-audit --no-fund --loglevel=error

# The editors' bundles (web/frontend/ -> web/static/build/, gitignored): rebuilt when a source or the
# lock file is newer than the last build; esbuild takes about a second.
BUILD := web/static/build
$(BUILD)/.stamp: $(wildcard web/frontend/*) package-lock.json
	node_modules/.bin/esbuild web/frontend/modeler.js web/frontend/dmn_editor.js web/frontend/modeler.css \
	  web/frontend/dmn_editor.css --bundle --minify --target=es2020 --outdir=$(BUILD) --log-level=warning \
	  --loader:.woff=file --loader:.woff2=file --loader:.ttf=file --loader:.eot=file --loader:.svg=file
	touch $@

bundle: npm-app
	@$(MAKE) --no-print-directory $(BUILD)/.stamp

# System packages, installed when missing: WeasyPrint's libraries (PDF export) for the app;
# Debian's Chromium (browser tests) and PostgreSQL (the tests start a private cluster) for the tests.
system-app:
	@ldconfig -p | grep -q libpangoft2-1.0.so.0 && test -d /usr/share/fonts/truetype/dejavu \
	  || { apt-get update -qq && $(APT) libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core; }

system-postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { apt-get update -qq && $(APT) postgresql; }

system-test: system-app system-postgres
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && $(APT) chromium; }

run: $(STAMP)-app npm-app bundle system-app
	$(BIN)/ekd init --demo-users
	$(BIN)/ekd serve --host 127.0.0.1 --port 5000

test: $(STAMP)-test npm-test bundle system-test
	$(BIN)/python -m pytest

# Not part of `make test`: several minutes, prints a table, writes bench/results/<date>.json.
bench: $(STAMP)-bench system-postgres
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache node_modules $(BUILD)
