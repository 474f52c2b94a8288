# ekd: two commands on a fresh machine.
#   make run   set up, initialise, serve on http://127.0.0.1:5000
#   make test  set up, then every test (the test runner's summary line is printed)

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.stamp

.PHONY: run test bench lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP)-app: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(STAMP)-test: $(STAMP)-app
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

run: $(STAMP)-app
	$(BIN)/ekd init --demo-users
	$(BIN)/ekd serve --host 127.0.0.1 --port 5000

test: $(STAMP)-test
	$(BIN)/python -m pytest

bench: $(STAMP)-test
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache
