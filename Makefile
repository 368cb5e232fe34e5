# Every target bootstraps .venv from the repo's own files, so a fresh clone needs only `make test`.
# Paths are quoted in recipes: the checkout may live in a folder whose name has spaces.
PYTHON      ?= python3
VENV        ?= .venv
VENV_BIN    := $(abspath $(VENV)/bin)
PY          := "$(VENV_BIN)/python"
STAMP       := $(VENV)/.installed
# Node.js dev tools (the OpenAPI linter), pinned by package-lock.json; npm writes this file.
NODE_STAMP  := node_modules/.package-lock.json
REDOCLY     := REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true node_modules/.bin/redocly
SPEC        := openapi.yaml
GEN_CONFIG  := generator-config.yml
GEN_DIR     := aurous_async/_generated
# Post-hooks find `ruff` through PATH: put the venv's pinned ruff first (toolchain pitfall P3).
OPC         := PATH="$(VENV_BIN):$$PATH" "$(VENV_BIN)/openapi-python-client"
GEN_FLAGS   := --path "$(SPEC)" --config "$(GEN_CONFIG)" --meta none --fail-on-warning
TEMPLATES   := $(wildcard templates/*.jinja)
ifneq ($(TEMPLATES),)
GEN_FLAGS   += --custom-template-path templates
endif
HANDWRITTEN := aurous_async tests examples bench tools
# Generate into "$$tmp/_generated" (tmp must exist); on failure print the generator's output,
# which names the spec error, and fail. Outside the repo, so both targets see identical output.
GEN_INTO_TMP = $(OPC) generate $(GEN_FLAGS) --output-path "$$tmp/_generated" >"$$tmp/log" 2>&1 \
	  || { cat "$$tmp/log" >&2; echo "ERROR: generation from $(SPEC) failed; $(GEN_DIR) left unchanged" >&2; exit 1; }

.PHONY: install generate check-generated spec-diff api-md lint format typecheck test pytest demo bench clean

install: $(STAMP) $(NODE_STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv "$(VENV)"
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch "$(STAMP)"

# --ignore-scripts: the linter needs no install step of its own, and none may download.
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

# Regenerate from scratch (--overwrite alone would keep stray top-level files, pitfall P5) in a
# temporary folder, and replace GEN_DIR only when generation succeeded. The new tree is copied
# next to GEN_DIR first so that the swap is two renames on one file system, never half a tree.
generate: $(STAMP)
	@tmp="$$(mktemp -d)"; new="$(GEN_DIR).new.$$$$"; old="$(GEN_DIR).old.$$$$"; \
	trap 'rm -rf "$$tmp" "$$new"' EXIT; \
	$(GEN_INTO_TMP); \
	cp -R "$$tmp/_generated" "$$new" || exit 1; \
	if [ -e "$(GEN_DIR)" ]; then mv "$(GEN_DIR)" "$$old" || exit 1; fi; \
	if ! mv "$$new" "$(GEN_DIR)"; then mv "$$old" "$(GEN_DIR)"; exit 1; fi; \
	rm -rf "$$old"; \
	echo "regenerated $(GEN_DIR) from $(SPEC)"
	@$(PY) tools/spec_diff.py --spec "$(SPEC)"

# Regenerate into a temporary folder and compare; names every differing or one-sided file.
check-generated: $(STAMP)
	@tmp="$$(mktemp -d)"; trap 'rm -rf "$$tmp"' EXIT; \
	$(GEN_INTO_TMP); \
	if diff -rq -x __pycache__ -x .ruff_cache "$$tmp/_generated" "$(GEN_DIR)"; then \
	  echo "generated code is up to date"; \
	else \
	  echo "ERROR: $(GEN_DIR) is out of date with $(SPEC); run 'make generate' and commit" >&2; exit 1; \
	fi

# What changed in the spec against the committed one (git HEAD), and which changes break callers.
spec-diff: $(STAMP)
	@$(PY) tools/spec_diff.py --spec "$(SPEC)"

# api.md and README.md's generated blocks (enum values, bulk pacing) from the code and spec;
# tests/test_api_md.py fails while they are stale.
api-md: $(STAMP)
	$(PY) tools/api_md.py

lint: $(STAMP) $(NODE_STAMP)
	$(REDOCLY) lint --format=stylish "$(SPEC)"
	"$(VENV_BIN)/ruff" check $(HANDWRITTEN)
	"$(VENV_BIN)/ruff" format --check $(HANDWRITTEN)
	$(PY) -c "import aurous_async"

format: $(STAMP)
	"$(VENV_BIN)/ruff" check --fix $(HANDWRITTEN)
	"$(VENV_BIN)/ruff" format $(HANDWRITTEN)

typecheck: $(STAMP)
	"$(VENV_BIN)/mypy" aurous_async tools

pytest: $(STAMP)
	$(PY) -m pytest -q -W error

test: lint typecheck check-generated pytest

demo: $(STAMP)
	$(PY) -m aurous_async.testing --port 0 --synthesis-seconds 1 --image-seconds 1 \
	  -- $(PY) examples/quickstart.py

bench: $(STAMP)
	$(PY) bench/run.py
	$(PY) bench/multiworker.py

clean:
	rm -rf "$(VENV)" .pytest_cache .mypy_cache .ruff_cache
