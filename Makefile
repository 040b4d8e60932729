# Two commands do everything on a fresh Debian machine with Python 3.11 (pip + venv) and make:
#   make run    set up .venv, migrate, load content, start the app (and a transcription worker) on 127.0.0.1
#   make test   set up .venv, then lint, type-check and run the whole test suite
#
# uv installs exactly what uv.lock pins (fast and reproducible). uv itself is bootstrapped with pip into
# .cache/uv-tools, so nothing but Python and make is needed beforehand; uv never downloads a Python here.

PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .cache/uv-tools
UV := $(TOOLS)/bin/uv
VENV := .venv
STAMP := $(VENV)/.synced-$(shell cat uv.lock pyproject.toml | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8501

export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy

.PHONY: run test setup lint typecheck pytest clean

run: $(STAMP)
	$(VENV)/bin/training-app serve --host $(HOST) --port $(PORT)

test: $(STAMP) lint typecheck pytest

setup: $(STAMP)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

pytest: $(STAMP)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	rm -f $(VENV)/.synced-*
	touch $@

clean:
	rm -rf $(VENV) $(TOOLS)
