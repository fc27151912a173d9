# Pantau: `make run` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export PANTAU_HOME ?= $(CURDIR)/var
SAMPLE := data/sample
SAMPLE_FROM := 2026-11-07
SAMPLE_TO   := 2026-11-22

.PHONY: setup run test lint bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# torch first, pinned: the CPU build on this machine; a bare `torch` would pull CUDA (GBs).
	$(BIN)/pip install --quiet --disable-pip-version-check "torch==2.13.0"
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $(STAMP)

run: setup
	$(BIN)/pantau models bootstrap --labels $(SAMPLE)/labels.csv
	PANTAU_BRIEF_REGIONS='["33", "35", "34.04"]' $(BIN)/pantau run \
		--from $(SAMPLE_FROM) --to $(SAMPLE_TO) \
		--inbox $(SAMPLE)/inbox --sources $(SAMPLE)/sources.csv

test: setup
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
