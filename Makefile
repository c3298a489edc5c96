# Tỉnh số — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
export TINHSO_HOME := $(CURDIR)

.PHONY: run test lint unit e2e bench install demo clean

# Create the virtual environment and install (again only when pyproject.toml changed).
$(BIN)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $@

install: $(BIN)/.installed

# Bring up the whole platform with the demo province on SQLite at http://$(HOST):$(PORT)
run: install
	@$(BIN)/tinhso migrate --no-input -v 0
	@$(BIN)/tinhso demo
	@$(BIN)/tinhso collectstatic --no-input -v 0
	@$(BIN)/tinhso serve --host $(HOST) --port $(PORT)

demo: install
	$(BIN)/tinhso migrate --no-input -v 0
	$(BIN)/tinhso demo

# Lint, the suite on SQLite, again on PostgreSQL, and the browser tests.
test: install
	@bash scripts/test.sh

lint: install
	@bash scripts/test.sh lint

unit: install
	@bash scripts/test.sh sqlite

e2e: install
	@bash scripts/test.sh e2e

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var test-artifacts
