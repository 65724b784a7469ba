# claimtrack: `make run` (demo on SQLite, no services) and `make test` (PostgreSQL + Redis).
# Targets are idempotent: the virtualenv is (re)installed only when a lock file changes.
# requirements.txt / requirements-dev.txt are lock files (every transitive dependency, with
# hashes) compiled from requirements.in / requirements-dev.in by `make lock`.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q

REQ_HASH := $(shell cat requirements.txt | sha256sum | cut -c1-16)
DEV_HASH := $(shell cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-16)
STAMP_RUN := $(VENV)/.installed-run-$(REQ_HASH)
STAMP_DEV := $(VENV)/.installed-dev-$(DEV_HASH)

DEMO_DB ?= $(CURDIR)/db.sqlite3
DEMO_ENV := DATABASE_URL=sqlite:///$(DEMO_DB) CELERY_BROKER_URL= DJANGO_DEBUG=true
HOST ?= 127.0.0.1
PORT ?= 8000

TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/claimtrack
TEST_BROKER_URL ?= redis://127.0.0.1:6379/15
# The browser tests fail (not skip) when Playwright or chromium is missing.
TEST_ENV := DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL= CELERY_TEST_BROKER_URL=$(TEST_BROKER_URL) CLAIMTRACK_REQUIRE_BROWSER=1
PYTEST_ARGS ?=

CHROMIUM := /usr/bin/chromium

CORPUS_DIR ?= ../shared/corpus/polnear
EVAL_DIR ?= ../shared/eval

.PHONY: help install install-dev lock run demo-data test lint format typecheck check chromium bytecode clean learn learn-labeller score bench

help:
	@echo "make run        demo on http://$(HOST):$(PORT)/ (SQLite, in-process Celery, seeds ingested)"
	@echo "make test       the whole pytest suite on PostgreSQL with Redis"
	@echo "make lint       ruff check + ruff format --check"
	@echo "make typecheck  mypy on the engine and the services"
	@echo "make check      Django system checks and makemigrations --check"
	@echo "make lock       re-lock requirements*.txt (hashes) from requirements*.in"
	@echo "make learn      rebuild the engine's cue lexicon, boundaries and scorer from \$$CORPUS_DIR/train.jsonl"
	@echo "make score      the engine's accuracy on \$$CORPUS_DIR/dev.jsonl and the seed article"
	@echo "make bench      the engine's throughput on \$$CORPUS_DIR/dev.jsonl"

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP_RUN): requirements.txt | $(VENV)/bin/python
	$(PIP) install --require-hashes -r requirements.txt
	rm -f $(VENV)/.installed-run-*
	touch $@

$(STAMP_DEV): requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PIP) install --require-hashes -r requirements-dev.txt
	rm -f $(VENV)/.installed-dev-* $(VENV)/.installed-run-*
	touch $@ $(STAMP_RUN)

install: $(STAMP_RUN)
install-dev: $(STAMP_DEV)

# Compile the project's modules now: where PYTHONDONTWRITEBYTECODE is set, every process
# (each manage.py command, each python -m quotes.extraction) would otherwise compile them
# at start, which costs 0.1-0.2 s and varies as much. Only changed files are compiled again.
bytecode: | $(VENV)/bin/python
	$(PY) -m compileall -q claimtrack quotes sources > /dev/null

# Re-lock after editing requirements.in / requirements-dev.in (add, remove or bump a direct
# dependency): every transitive dependency is pinned again, with the hashes pip checks.
# Existing pins are kept unless a change needs another version; `make lock UPGRADE=1` takes
# the newest versions the .in files allow. Commit the .in and .txt files together.
PIP_COMPILE = $(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras \
	--no-emit-index-url --no-emit-find-links $(if $(UPGRADE),--upgrade) $(PIP_COMPILE_ARGS)
# pip-tools comes from requirements-dev.in's pin, installed on its own: a lock file broken by
# a merge must not stop the re-lock that mends it.
PIP_TOOLS := $(shell grep -i '^pip-tools==' requirements-dev.in)
$(VENV)/bin/pip-compile: requirements-dev.in | $(VENV)/bin/python
	$(PIP) install "$(PIP_TOOLS)"
	touch $@
lock: $(VENV)/bin/pip-compile
	$(PIP_COMPILE) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) --output-file requirements-dev.txt requirements-dev.in

demo-data: $(STAMP_RUN) bytecode
	$(DEMO_ENV) $(PY) manage.py migrate --noinput -v 0
	$(DEMO_ENV) $(PY) manage.py ingest seeds/
	@echo "Demo users:"
	$(DEMO_ENV) $(PY) manage.py demo_users

run: demo-data
	@echo
	@echo "  claimtrack demo: http://$(HOST):$(PORT)/admin/"
	@echo "  logins: admin / admin (superuser), reviewer / reviewer (Reviewer), editor / editor (Editor)"
	@echo "  Quote candidates to review: http://$(HOST):$(PORT)/admin/quotes/quote/?status__exact=pending"
	@echo
	$(DEMO_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "Installing Debian's chromium for the browser test"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

test: $(STAMP_DEV) chromium bytecode
	$(TEST_ENV) $(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP_DEV)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP_DEV)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

typecheck: $(STAMP_DEV)
	$(VENV)/bin/mypy quotes/extraction quotes/matching quotes/management/commands/match_claims.py quotes/services quotes/claimreview.py quotes/selectors quotes/tasks.py \
		sources/services sources/selectors.py sources/tasks.py sources/fetching.py sources/feeds.py \
		sources/cleaning.py sources/codings.py sources/decoding.py sources/documents.py sources/urls.py \
		sources/forms.py sources/api quotes/admin quotes/admin_site.py sources/admin.py sources/article_text.py \
		claimtrack/budget.py claimtrack/queueing.py \
		quotes/reports quotes/management/commands/claim_report.py sources/management/commands/setup_periodic_tasks.py \
		quotes/api claimtrack/api

check: $(STAMP_RUN) bytecode
	$(DEMO_ENV) $(PY) manage.py check
	$(DEMO_ENV) $(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) $(DEMO_DB) staticfiles .pytest_cache .mypy_cache .ruff_cache

# The engine's learned data (word forms and weights only) is rebuilt from the
# annotated train split when it is there; see docs/extraction.md.
# Order matters: boundaries read the lexicon's candidates, the scorer scores the rules' output.
learn: $(STAMP_DEV)
	$(PY) -m quotes.extraction.training.build_lexicon $(CORPUS_DIR)/train.jsonl
	$(PY) -m quotes.extraction.training.train_boundaries $(CORPUS_DIR)/train.jsonl
	$(PY) -m quotes.extraction.training.train_scorer $(CORPUS_DIR)/train.jsonl

# The sequence labeller (not shipped: see docs/extraction.md, "The sequence labeller"):
# data/labeller.crfsuite, then the scorer again, trained on the labeller's candidates.
learn-labeller: learn
	$(PY) -m quotes.extraction.training.train_labeller $(CORPUS_DIR)/train.jsonl
	$(PY) -m quotes.extraction.training.train_scorer $(CORPUS_DIR)/train.jsonl

score: $(STAMP_RUN)
	$(PY) -m quotes.extraction < $(CORPUS_DIR)/dev.jsonl > $(VENV)/dev-predictions.jsonl
	$(PY) $(EVAL_DIR)/score_quotes.py $(CORPUS_DIR)/dev.jsonl $(VENV)/dev-predictions.jsonl
	$(PY) -m quotes.extraction < $(EVAL_DIR)/seed_gold.jsonl > $(VENV)/seed-predictions.jsonl
	$(PY) $(EVAL_DIR)/score_quotes.py $(EVAL_DIR)/seed_gold.jsonl $(VENV)/seed-predictions.jsonl

bench: $(STAMP_RUN)
	$(PY) bench/extraction.py $(CORPUS_DIR)/dev.jsonl
