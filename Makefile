# The two commands of the README: `make run` and `make test`.
# Both create .venv on first use and reinstall only when pyproject.toml changes.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test check build lint translations clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

## run: install, check the content, build the catalogue and serve it
run: $(VENV)/.installed
	$(BIN)/xarxa check
	$(BIN)/xarxa build
	$(BIN)/xarxa serve --host $(HOST) --port $(PORT)

## test: install with the test tools, lint, type-check and run the whole suite
test: $(VENV)/.installed-test lint
	$(BIN)/python -m pytest

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
	$(BIN)/pybabel extract -F babel.cfg -k lazy_gettext --no-location --omit-header -o build/messages.pot .
	$(BIN)/pybabel update -i build/messages.pot -d site/catalogue/translations --no-location
	$(BIN)/pybabel compile -d site/catalogue/translations

clean:
	rm -rf build $(VENV)
