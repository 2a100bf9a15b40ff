# The README's commands. Everything installs into .venv beside this file.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install lint audit bench clean

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

## run the service on http://127.0.0.1:8000 (gunicorn, 2 workers)
run: $(STAMP)
	$(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

## run the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest -q

## fail on a known vulnerability in a pinned dependency (pip-audit)
audit: $(STAMP)
	$(BIN)/python scripts/audit.py

## throughput and memory against bare spaCy (see README, Performance)
bench: $(STAMP)
	$(BIN)/python bench/run.py $(if $(TEXTS),--texts $(TEXTS))

lint: $(STAMP)
	$(BIN)/ruff check service tests

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
