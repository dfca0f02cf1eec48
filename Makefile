# newsledger: every target creates and uses .venv itself.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test bench lint schema clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

$(VENV)/.bench-installed: $(STAMP)
	$(PY) -m pip install --quiet -e ".[dev,bench]"
	touch $@

demo: $(STAMP)
	$(VENV)/bin/newsledger demo

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(VENV)/.bench-installed
	$(PY) -m bench.run

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

schema: $(STAMP)
	$(PY) -m newsledger.schema docs/schema

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
