# Pantau: `make run` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export PANTAU_HOME ?= $(CURDIR)/var
SAMPLE := data/sample
SAMPLE_FROM := 2026-11-07
SAMPLE_TO   := 2026-11-22

.PHONY: setup system-deps run test lint bench clean

# Debian packages the briefing needs: pango (WeasyPrint PDF), chromium (browser test),
# poppler-utils (pdftoppm, PDF test), an emoji font (posts are full of them). Installed only
# when missing; needs root (CI runs as root), otherwise prints what to install.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core \
	fonts-noto-color-emoji chromium poppler-utils
system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "installing:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
		else echo "warning: missing Debian packages:$$missing (PDF and browser tests will skip)"; fi; \
	fi

setup: system-deps $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# torch first, pinned: the CPU build on this machine; a bare `torch` would pull CUDA (GBs).
	$(BIN)/pip install --quiet --disable-pip-version-check "torch==2.13.0"
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $(STAMP)

# The out-of-the-box model learns from the sample's feeds (fact-checks as hoaxes, news and
# official posts as not) plus its labels, as `pantau train --from-warehouse` does later on.
run: setup
	@echo "bootstrapping the first model from the sample's fact-check feeds, news, official posts and labels"
	$(BIN)/pantau models bootstrap --labels $(SAMPLE)/labels.csv \
		--feeds $(SAMPLE)/inbox --sources $(SAMPLE)/sources.csv
	PANTAU_BRIEF_REGIONS='["33", "35", "34.04"]' $(BIN)/pantau run \
		--from $(SAMPLE_FROM) --to $(SAMPLE_TO) \
		--inbox $(SAMPLE)/inbox --sources $(SAMPLE)/sources.csv

test: setup
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

# Pipeline benchmark (benchmarks/pipeline_bench.py, docs/scaling.md): synthetic days through the
# whole pipeline against the raw model ("the floor"), plus day 31 against day 1; report in
# benchmarks/results/pipeline.{json,md}. On 2 CPU cores the model encodes only tens of texts a
# second, so the default stops at 10k posts (about 15 minutes on an idle machine); for the full
# table: make bench BENCH_SIZES=1000,10000,100000 BENCH_REPS=3,1,1 (hours on CPU, minutes on GPU).
BENCH_SIZES ?= 1000,10000
BENCH_REPS  ?= 3,1
BENCH_ARGS  ?=
bench: setup
	PANTAU_BENCH_COMMAND="make bench BENCH_SIZES=$(BENCH_SIZES) BENCH_REPS=$(BENCH_REPS) $(BENCH_ARGS)" \
		$(BIN)/pantau bench --sizes $(BENCH_SIZES) --reps $(BENCH_REPS) $(BENCH_ARGS)

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
