# The two commands of the README: `make run` and `make test`.
# Both create .venv on first use and reinstall only when pyproject.toml changes.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# axe-core for the accessibility gates, from its npm package, pinned to a major version;
# fetched once into the ignored .cache/npm/ (the stamp names the major version).
AXE_MAJOR := 4
AXE_STAMP := .cache/npm/axe-core-$(AXE_MAJOR).stamp
KEYS := instance/keys.env

.PHONY: run test check build lint translations bench clean system-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@

## run: install, check, build the catalogue, serve it with the forms service
run: $(VENV)/.installed $(KEYS)
	$(BIN)/xarxa check
	XARXA_FORMS_URL=http://$(HOST):$(PORT)/forms $(BIN)/xarxa build
	set -a && . ./$(KEYS) && set +a && $(BIN)/xarxa serve --host $(HOST) --port $(PORT)

# This machine's own secret key and data key, made once, kept outside the store
# (data/) and out of git: a copy of data/ alone reveals nothing.
$(KEYS): | $(VENV)/.installed
	mkdir -p $(dir $(KEYS))
	umask 077 && $(BIN)/xarxa keys new --env > $(KEYS)

## test: install with the test tools, lint, type-check and run the whole suite
test: $(VENV)/.installed-test system-deps $(AXE_STAMP) lint
	$(BIN)/python -m pytest

## system-deps: chromium, a Java runtime and npm for the quality gates, where missing
system-deps:
	bash .ci/system-deps

$(AXE_STAMP): | system-deps
	npm install --prefix .cache/npm --no-save --no-package-lock --no-audit --no-fund \
		--loglevel=error axe-core@$(AXE_MAJOR)
	touch $@

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

check: $(VENV)/.installed
	$(BIN)/xarxa check

build: $(VENV)/.installed
	$(BIN)/xarxa build

## translations: refresh the gettext catalogues after changing user-facing text
translations: $(VENV)/.installed-test
	mkdir -p build
	for package in site/catalogue forms_service; do \
		$(BIN)/pybabel extract -F babel.cfg -k lazy_gettext -k _l --no-location --omit-header \
			-o build/messages.pot $$package && \
		$(BIN)/pybabel update -i build/messages.pot -d $$package/translations && \
		$(BIN)/pybabel compile -d $$package/translations || exit 1; \
	done

## bench: measure the build against Pelican, MkDocs and Hugo and write the results into README.md
bench: $(VENV)/.installed-bench
	$(BIN)/python -m bench

clean:
	rm -rf build $(VENV)
