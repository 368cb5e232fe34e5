# Every target bootstraps .venv from the repo's own files, so a fresh clone needs only `make test`.
PYTHON      ?= python3
VENV        ?= .venv
VENV_BIN    := $(abspath $(VENV)/bin)
PY          := $(VENV_BIN)/python
STAMP       := $(VENV)/.installed
SPEC        := openapi.yaml
GEN_CONFIG  := generator-config.yml
GEN_DIR     := aurous_async/_generated
# Post-hooks find `ruff` through PATH: put the venv's pinned ruff first (toolchain pitfall P3).
OPC         := PATH="$(VENV_BIN):$$PATH" $(VENV_BIN)/openapi-python-client
GEN_FLAGS   := --path $(SPEC) --config $(GEN_CONFIG) --meta none --fail-on-warning
TEMPLATES   := $(wildcard templates/*.jinja)
ifneq ($(TEMPLATES),)
GEN_FLAGS   += --custom-template-path templates
endif
HANDWRITTEN := aurous_async tests examples bench

.PHONY: install generate check-generated lint format typecheck test pytest demo bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Regenerate from scratch: --overwrite alone would keep stray top-level files (pitfall P5).
generate: $(STAMP)
	rm -rf -- "$(GEN_DIR)"
	$(OPC) generate $(GEN_FLAGS) --output-path $(GEN_DIR)

# Regenerate into a temporary folder and compare; names every differing or one-sided file.
check-generated: $(STAMP)
	@tmp="$$(mktemp -d)"; trap 'rm -rf "$$tmp"' EXIT; \
	$(OPC) generate $(GEN_FLAGS) --output-path "$$tmp/_generated" >/dev/null || exit 1; \
	if diff -rq -x __pycache__ -x .ruff_cache "$$tmp/_generated" "$(GEN_DIR)"; then \
	  echo "generated code is up to date"; \
	else \
	  echo "ERROR: $(GEN_DIR) is out of date with $(SPEC); run 'make generate' and commit" >&2; exit 1; \
	fi

lint: $(STAMP)
	$(VENV_BIN)/ruff check $(HANDWRITTEN)
	$(VENV_BIN)/ruff format --check $(HANDWRITTEN)
	$(PY) -c "import aurous_async"

format: $(STAMP)
	$(VENV_BIN)/ruff check --fix $(HANDWRITTEN)
	$(VENV_BIN)/ruff format $(HANDWRITTEN)

typecheck: $(STAMP)
	$(VENV_BIN)/mypy aurous_async

pytest: $(STAMP)
	$(PY) -m pytest -q -W error

test: lint typecheck check-generated pytest

demo: $(STAMP)
	$(PY) -m aurous_async.testing --port 0 --synthesis-seconds 1 --image-seconds 1 \
	  -- $(PY) examples/quickstart.py

bench: $(STAMP)
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
