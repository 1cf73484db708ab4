# The two commands of the README. Each sets up .venv (standard-library venv) when needed.
PYTHON ?= python3
PORT ?= 8501
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.app-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.app-installed

## make run [PORT=8601]: migrate the SQLite database under data/, load the demo when it is
## empty, serve the app (and its calendar feed) on PORT, 8501 unless told
run: $(VENV)/.app-installed
	$(BIN)/networkit demo --if-empty
	$(BIN)/networkit serve --port=$(PORT)

## make test: lint, then the whole suite (SQLite; PostgreSQL too when NETWORKIT_TEST_DATABASE_URL is set)
test: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n 2

bench: $(VENV)/.test-installed
	$(BIN)/python -m bench
