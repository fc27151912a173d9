# Pantau: `make run` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BYTECODE := $(VENV)/.bytecode
export PANTAU_HOME ?= $(CURDIR)/var
SAMPLE := data/sample
SAMPLE_FROM := 2026-11-07
SAMPLE_TO   := 2026-11-22

.PHONY: setup system-deps lock run test lint bench cluster-up cluster-down clean

# Debian packages the briefing needs: pango (WeasyPrint PDF), chromium (browser test),
# poppler-utils (pdftoppm, PDF test), an emoji font (posts are full of them); PostgreSQL and
# Redis for the Celery cluster (make cluster-up, tests/cluster). Installed only when missing;
# needs root (CI runs as root), otherwise prints what to install.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core \
	fonts-noto-color-emoji chromium poppler-utils postgresql redis-server
system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "installing:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
		else echo "warning: missing Debian packages:$$missing (PDF and browser tests will skip)"; fi; \
	fi

setup: system-deps $(STAMP) $(BYTECODE)
	@$(BIN)/python -m compileall -q dags pipelines models warehouse reports

# Bytecode for every installed module, written once. Where PYTHONDONTWRITEBYTECODE is set (this
# machine sets it) Python otherwise compiles every imported file again in every process: a CLI
# call or an Airflow task spent 2-3 s of its start-up on that (docs/scaling.md, "Start-up").
# A file that does not compile on Python 3.11 (torch ships one with 3.12 syntax) is left to
# the interpreter, as before, so compileall's status is not the install's.
$(BYTECODE): $(STAMP)
	@echo "compiling installed modules to bytecode (once)"
	@$(BIN)/python -m compileall -q -j 0 $(VENV)/lib >/dev/null 2>&1 || true
	@touch $(BYTECODE)

# Reproducible install: requirements/lock.txt pins every package (with hashes), resolved by uv
# within what apache-airflow==3.3.2 and the other pyproject ranges allow (`make lock`).
# torch is not in the lock: pip installs the CPU build from this machine's disk first (uv does
# not look there, and a resolver would take PyPI's CUDA build, GBs); its own dependencies are.
# The lock is installed with --no-deps: nothing is re-resolved, torch stays as it is.
UV_VERSION := 0.13.9
LOCK := requirements/lock.txt
UV := $(BIN)/uv
$(UV):
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(STAMP): pyproject.toml $(LOCK) | $(UV)
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps "torch==2.13.0"
	$(UV) pip install --quiet --python $(BIN)/python --no-deps --require-hashes -r $(LOCK)
	$(UV) pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# Re-resolve the lock after changing dependencies in pyproject.toml (needs PyPI). Versions
# already in the lock are kept where they still fit; `make lock LOCK_UPGRADE=--upgrade` moves
# everything to the newest allowed. tests/test_lock.py (part of `make test`) fails when
# pyproject.toml and the lock disagree, or the venv differs from the lock.
LOCK_UPGRADE ?=
lock: | $(UV)
	$(UV) pip compile pyproject.toml requirements/torch-cpu.in --extra dev --universal \
		--python-version 3.11 --override requirements/overrides.txt --no-emit-package torch \
		--generate-hashes $(LOCK_UPGRADE) --quiet -o $(LOCK)

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
	$(BIN)/lint-imports  # the layers in docs/architecture.md

# Pipeline benchmark (benchmarks/pipeline_bench.py, docs/scaling.md): synthetic days through the
# whole pipeline against the raw model ("the floor"), plus day 31 against day 1; report in
# benchmarks/results/pipeline.{json,md}. On 2 CPU cores the model encodes only tens of texts a
# second, so the default stops at 10k posts (about 15 minutes on an idle machine); for the full
# table: make bench BENCH_SIZES=1000,10000,100000 BENCH_REPS=3,1,1 (hours on CPU, minutes on GPU).
BENCH_SIZES ?= 1000,10000
BENCH_REPS  ?= 3,1
BENCH_ARGS  ?=
bench: setup
	PYTHONPATH=$(CURDIR) PANTAU_BENCH_COMMAND="make bench BENCH_SIZES=$(BENCH_SIZES) BENCH_REPS=$(BENCH_REPS) $(BENCH_ARGS)" \
		$(BIN)/pantau bench --sizes $(BENCH_SIZES) --reps $(BENCH_REPS) $(BENCH_ARGS)

# A Celery cluster on loopback (deploy/cluster/cluster.py, docs/scaling.md "Celery cluster"):
# PostgreSQL + Redis, the Airflow API server, scheduler, DAG processor, a warehouse worker and
# CLUSTER_WORKERS shard workers, under CLUSTER_DIR. Every DAG starts paused.
CLUSTER_DIR ?= $(CURDIR)/var/cluster
CLUSTER_WORKERS ?= 2
cluster-up: setup
	PYTHONPATH=$(CURDIR) $(BIN)/python deploy/cluster/cluster.py up --dir $(CLUSTER_DIR) \
		--workers $(CLUSTER_WORKERS)

cluster-down:
	PYTHONPATH=$(CURDIR) $(BIN)/python deploy/cluster/cluster.py down --dir $(CLUSTER_DIR)

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
