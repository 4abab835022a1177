# gwtime — every target sets up what it needs (npm ci, Python env, tslab kernel spec) and says what it does.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

ROOT := $(abspath .)
NODE_STAMP := node_modules/.gwt-stamp
# An active conda env with Jupyter is used as is; otherwise a local .venv from pinned requirements.
ifneq ($(and $(CONDA_PREFIX),$(wildcard $(CONDA_PREFIX)/bin/jupyter)),)
  PYENV := $(CONDA_PREFIX)
  PY_STAMP := $(CONDA_PREFIX)/.gwt-conda-ok
else
  PYENV := $(ROOT)/.venv
  PY_STAMP := .venv/.gwt-stamp
endif
PY := $(PYENV)/bin/python
KERNEL_STAMP := $(PYENV)/share/jupyter/kernels/tslab/kernel.json
GWTIME := node dist/cli/main.js
# `gwtime report check` exits 1 when it checked nothing; only on a machine without headless Chromium
# do make test/smoke/reproduce pass --allow-skip, and they say so.
HAS_CHROMIUM := node -e 'process.exit(require("./dist/plots/browser").findChromium() ? 0 : 1)'
define report_check
	@if $(HAS_CHROMIUM); then \
	  echo "$(GWTIME) report check $(1)"; $(GWTIME) report check $(1); \
	else \
	  echo "==> no headless Chromium (GWT_CHROMIUM, /usr/bin/chromium...): the report check is SKIPPED (--allow-skip); make browser installs it"; \
	  $(GWTIME) report check --allow-skip $(1); \
	fi
endef
export GWT_DATA_MIRROR ?= $(if $(wildcard $(ROOT)/../shared/datasets),$(abspath $(ROOT)/../shared/datasets),)

.PHONY: help setup build test unit smoke reproduce notebooks figures check-reports lab clean \
        bench bench-qc bench-traces bench-models trace-tools trace trace-smoke trace-scale browser
.PHONY: trace-slurm cluster-start cluster-stop cluster-smoke
.PHONY: tools sign-models

help:
	@echo "make reproduce   execute every notebook; reports, figures, models -> artifacts/"
	@echo "make test        unit tests + smoke run of every notebook (+ harness smoke when tools exist)"
	@echo "make lab         JupyterLab with the TypeScript (tslab) kernel"
	@echo "make bench       side-by-side benchmarks (bench-qc, bench-traces, bench-models)"
	@echo "make trace       run the DNA-seq trace harness design (hours; TRACE_RUNS=n for a subset)"
	@echo "make trace-scale run the scale-ladder design (0.2M-6.4M read pairs; many hours)"
	@echo "make trace-slurm the harness design through Slurm (sudo harness/cluster/start.sh first)"
	@echo "make clean       remove build outputs and generated artifacts"

$(NODE_STAMP): package.json package-lock.json
	@echo "==> installing Node dependencies (npm ci)"
	npm ci --no-audit --no-fund
	@touch $@

$(PY_STAMP): requirements.txt
	@if [ "$(PYENV)" = "$(ROOT)/.venv" ]; then \
	  echo "==> creating .venv from requirements.txt (python3 -m venv)"; \
	  python3 -m venv .venv; \
	  .venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt; \
	else \
	  echo "==> using the active conda env $(PYENV)"; \
	fi
	@touch $@

$(KERNEL_STAMP): $(NODE_STAMP) $(PY_STAMP)
	@echo "==> registering the tslab kernel spec inside $(PYENV) (not in your global Jupyter)"
	node_modules/.bin/tslab install --python "$(PY)" --binary "$(ROOT)/node_modules/.bin/tslab" --sys-prefix

setup: $(NODE_STAMP) $(PY_STAMP) $(KERNEL_STAMP)

# headless Chromium for static figure export and report checks (installed with apt-get when root)
browser:
	@bash scripts/ensure-chromium.sh

build: $(NODE_STAMP)
	@echo "==> building lib/ -> dist/ (tsc)"
	rm -rf dist
	node_modules/.bin/tsc -p tsconfig.json

unit: build
	@echo "==> unit tests (node --test)"
	@mkdir -p artifacts/.cache
	npm test --silent 2>&1 | tee artifacts/.cache/unit.log
	@node scripts/skipped-summary.js artifacts/.cache/unit.log
	@echo "==> harness tests (python3 -m unittest: CPU cap and censored rows, sacct parsing, time-limit profiles)"
	python3 -m unittest discover -s harness -p '*_test.py'
	python3 -m unittest discover -s harness/cluster -p '*_test.py'

smoke: setup build browser
	@echo "==> smoke-executing every notebook on a small slice (GWT_SMOKE=1)"
	"$(PY)" scripts/run_notebooks.py --smoke
	@echo "==> checking the smoke HTML reports in headless Chromium (figures drawn, no page errors, no script from the content)"
	$(call report_check,artifacts/smoke/reports)
	@if [ -x harness/smoke.sh ]; then echo "==> trace harness smoke run"; bash harness/smoke.sh; fi
	@if [ -x harness/cluster/smoke.sh ]; then echo "==> Slurm cluster smoke (time limit -> TIMEOUT)"; bash harness/cluster/smoke.sh; fi

test: unit smoke
	@echo "==> make test: all passed"
	@# One plain closing line with the unit-test counts (the notebook and harness smoke runs passed too).
	@awk '/^ℹ pass /{p=$$3} /^ℹ fail /{f=$$3} END{printf "tests: %d passed, %d failed\n", p, f}' artifacts/.cache/unit.log

notebooks: setup build
	@echo "==> executing every notebook (artifacts/reports, artifacts/figures, artifacts/models)"
	"$(PY)" scripts/run_notebooks.py

figures: build browser
	@echo "==> static SVG/PNG export of every figure (headless Chromium)"
	$(GWTIME) report export-figures artifacts/figures

check-reports: build browser
	@echo "==> checking every HTML report in headless Chromium (figures drawn, no page errors, no script from the content)"
	$(call report_check,artifacts/reports)

# Ed25519 model signatures (README, "Signed models"): sign only when GWT_MODEL_SIGNING_KEY names the private key
# (kept outside the repository); always verify against the committed public key and list what is unsigned.
sign-models: build
	@if [ -n "$${GWT_MODEL_SIGNING_KEY:-}" ]; then \
	  echo "==> signing artifacts/models with $$GWT_MODEL_SIGNING_KEY"; $(GWTIME) model sign artifacts/models; \
	else \
	  echo "==> GWT_MODEL_SIGNING_KEY not set: models are not (re-)signed; verifying the existing signatures"; \
	fi
	@$(GWTIME) model verify artifacts/models --trusted-key keys/gwtime-models.pub.pem || \
	  echo "==> the models marked FAIL are unsigned or changed since signing: predict --trusted-key refuses them until someone with the private key runs GWT_MODEL_SIGNING_KEY=... make sign-models"

reproduce: notebooks figures check-reports sign-models
	@echo "==> make reproduce: done; open artifacts/reports/*.html"

lab: setup build
	@echo "==> starting JupyterLab (kernel: TypeScript / tslab)"
	"$(PYENV)/bin/jupyter" lab --notebook-dir="$(ROOT)/notebooks" $(if $(filter 0,$(shell id -u)),--allow-root --no-browser,)

.venv-bench/.gwt-stamp: bench/requirements.txt
	@echo "==> creating .venv-bench (reference tools for benchmarks)"
	python3 -m venv .venv-bench
	.venv-bench/bin/pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	@touch $@

bench: bench-qc bench-traces bench-models

bench-qc: build .venv-bench/.gwt-stamp
	@echo "==> QC parsing benchmark: gwtime vs MultiQC"
	bash bench/qc/run.sh

bench-traces: build .venv-bench/.gwt-stamp
	@echo "==> trace ingest benchmark: gwtime (DuckDB) vs pandas"
	bash bench/traces/run.sh

bench-models: build .venv-bench/.gwt-stamp
	@echo "==> model benchmark: gwtime vs scikit-learn / LightGBM / ml-random-forest"
	bash bench/models/run.sh

# Seeded fuzzing (issue #19): 10,000 cases per parser and 10,000 hostile trace rows per format (TS vs DuckDB).
.PHONY: fuzz bench-hostile
fuzz: build
	@echo "==> seeded fuzz: $${GWT_FUZZ_CASES:-10000} cases per target (table -> artifacts/fuzz/)"
	GWT_FUZZ_CASES=$${GWT_FUZZ_CASES:-10000} GWT_FUZZ_OUT=artifacts/fuzz node --test --test-reporter=spec --test-timeout=3600000 dist/fuzz/

# Peak memory and time of qc / predict on hostile inputs (/dev/zero, FIFO, zip bombs, 200 MB model) -> artifacts/bench/hostile.md
bench-hostile: build
	@echo "==> hostile-input figures (generated fixtures under a temp dir)"
	bash bench/hostile/run.sh

.PHONY: bench-sim
# Simulator speed (1M jobs on 1,000 cores) and its M/M/c check against Erlang C; not a timed test.
bench-sim: build
	@echo "==> simulator benchmark: 1M jobs on 1,000 cores, M/M/c vs Erlang C (artifacts/bench/sim.md)"
	node bench/sim/run.js

.PHONY: train-fixture
train-fixture: .venv-tools/.gwt-stamp
	@echo "==> lib/train/fixtures/harness-nfcore: harness runs as an nf-core run (real MultiQC)"
	MULTIQC=$(ROOT)/.venv-tools/bin/multiqc bash lib/train/fixtures/make-harness-nfcore.sh

.PHONY: bench-train
bench-train: build
	@echo "==> gwtime train scale benchmark on SYNTHETIC data (BENCH_TRAIN_SIZES=\"10000 30000 100000\")"
	bash bench/train/run.sh
# Real tools that lib/export's checks run on the files gwtime writes (Nextflow config -> Groovy's
# ConfigSlurper, Snakemake profile -> snakemake from .venv, TPV rules -> tpv, MultiQC custom content ->
# multiqc): Groovy from Debian (scripts/ensure-groovy.sh), the Python tools in .venv-tools from the
# pinned tools-requirements.txt (git-ignored). `make unit` installs them first so CI runs the checks.
TOOLS_STAMP := .venv-tools/.gwt-stamp
$(TOOLS_STAMP): tools-requirements.txt
	@echo "==> creating .venv-tools (MultiQC, Galaxy TPV) from tools-requirements.txt for the export checks"
	python3 -m venv .venv-tools
	.venv-tools/bin/pip install --quiet --disable-pip-version-check -r tools-requirements.txt
	@touch $@

tools: $(TOOLS_STAMP) $(PY_STAMP)
	@bash scripts/ensure-groovy.sh

unit: tools

trace-tools:
	@echo "==> installing the harness tools (Debian packages)"
	bash harness/install-tools.sh

trace: $(PY_STAMP)
	@echo "==> running the trace harness design (resumable; TRACE_RUNS=n for a subset)"
	bash harness/run.sh

trace-smoke: $(PY_STAMP)
	bash harness/smoke.sh

# Scale ladder (issue 20): 0.2M-6.4M read pairs, E. coli and P. falciparum; its own dataset and scratch.
trace-scale: $(PY_STAMP)
	@echo "==> running the scale-ladder design (resumable; projection: python3 harness/project.py data/harness-scale)"
	@[ -f data/harness-scale/design.tsv ] || python3 harness/make_design.py --scale --out data/harness-scale
	FREEBAYES_CPU_LIMIT_S=$${FREEBAYES_CPU_LIMIT_S:-1200} TRACE_OUT=data/harness-scale TRACE_WORK=harness/work/scale bash harness/run.sh

# Slurm: a local single-node cluster (harness/cluster/README.md) and the harness through it
.venv-slurm/.gwt-stamp: requirements.txt harness/cluster/requirements.txt
	@echo "==> creating .venv-slurm (Snakemake + snakemake-executor-plugin-slurm, pins from requirements.txt)"
	python3 -m venv .venv-slurm
	.venv-slurm/bin/pip install --quiet --disable-pip-version-check -r harness/cluster/requirements.txt
	@touch $@

cluster-start:
	bash harness/cluster/start.sh

cluster-stop:
	bash harness/cluster/stop.sh

cluster-smoke:
	bash harness/cluster/smoke.sh

trace-slurm: .venv-slurm/.gwt-stamp
	@echo "==> running the trace harness design through Slurm (TRACE_RUNS=n, TRACE_PAIRS=n, TRACE_OUT, TRACE_WORK)"
	bash harness/cluster/trace-slurm.sh

clean:
	@echo "==> removing dist/, artifacts/ outputs and caches"
	rm -rf dist artifacts/reports artifacts/figures artifacts/smoke artifacts/.cache
