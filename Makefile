# The two commands of the README. Each sets up .venv (standard-library venv) when needed, from
# requirements.lock: a fresh machine needs only Python. The installer is uv, pinned, which pip
# installs into the venv first: it installs the lock in seconds where pip takes a minute.
PYTHON ?= python3
PORT ?= 8501
VENV := .venv
BIN := $(VENV)/bin
LOCK := requirements.lock
UV := $(BIN)/uv
UV_VERSION := 0.13.9
# The platform the lock is resolved for: this project's machines and CI.
LOCK_FOR := --python-version 3.11 --python-platform x86_64-unknown-linux-gnu

.PHONY: run cluster cluster-stop check test test-browser screenshots lint bench lock

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)

# One lock for the app and its test tools, so `make run` and `make test` run the same versions.
$(VENV)/.installed: $(LOCK) pyproject.toml | $(UV)
	$(UV) pip install --python $(BIN)/python --quiet -r $(LOCK)
	$(UV) pip install --python $(BIN)/python --quiet --no-deps -e .
	touch $@

## make run [PORT=8601]: migrate the SQLite database under data/, load the demo when it is
## empty, serve the app (and its calendar feed) on PORT, 8501 unless told
run: $(VENV)/.installed
	$(BIN)/networkit demo --if-empty
	$(BIN)/networkit serve --port=$(PORT)

## make cluster [LB_PORT=8080 APP_PORTS="8601 8602" CLUSTER_DIR=data/cluster]: HAProxy on
## LB_PORT in front of one app process per port of APP_PORTS, on the PostgreSQL of DATABASE_URL;
## returns once all answer (pid files and logs in CLUSTER_DIR). make cluster-stop ends them.
LB_PORT ?= 8080
APP_PORTS ?= 8601 8602
CLUSTER_DIR ?= data/cluster
cluster: $(VENV)/.installed
	@$(BIN)/python deploy/cluster.py start --lb-port=$(LB_PORT) --app-ports="$(APP_PORTS)" \
		--dir=$(CLUSTER_DIR)

cluster-stop: $(VENV)/.installed
	@$(BIN)/python deploy/cluster.py stop --dir=$(CLUSTER_DIR)

## make check: everything CI runs: `make test`, then `make test-browser`
check: test test-browser

## make test: lint, then the suite without a browser (SQLite; PostgreSQL too when
## NETWORKIT_TEST_DATABASE_URL is set): the quick loop while changing code
test: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -m "not browser" -n 2

## make test-browser: the journeys in a headless Chromium (each worker its own Chromium and
## servers; the modules with a server of their own each on one worker)
test-browser: $(VENV)/.installed
	$(BIN)/python -m pytest -m browser -n 2 --dist loadgroup

## make screenshots: the browser journeys again, picturing each page for a person to look at
screenshots: $(VENV)/.installed
	NETWORKIT_SCREENSHOTS=1 $(BIN)/python -m pytest -m browser -n 2 --dist loadgroup
	@echo "Screenshots are in artifacts/screenshots/"

## make lock [ARGS=--upgrade | ARGS="--upgrade-package streamlit"]: resolve requirements.lock
## again from pyproject.toml (keeping the pins it can unless ARGS says to upgrade)
lock: | $(UV)
	$(UV) pip compile pyproject.toml --extra test $(LOCK_FOR) --generate-hashes \
		--quiet $(ARGS) -o $(LOCK)

bench: $(VENV)/.installed
	$(BIN)/python -m bench
