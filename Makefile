# The two quickstart commands: `make demo` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-runtime
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo test install bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python requirements/lock.txt pyproject.toml
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/lock.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(TEST_STAMP): $(STAMP) requirements/test.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/test.txt
	touch $@

install: $(STAMP)

# The main job on the bundled example: the extract record (dateline, reference date, time
# expressions, events with evidence), then the same article ingested and shown as a timeline.
demo: $(STAMP)
	@mkdir -p .demo && rm -f .demo/dateline.db*
	$(BIN)/dateline extract examples/ --out .demo/example.json
	$(BIN)/dateline extract examples/ --format text
	$(BIN)/dateline ingest examples/ --db .demo/dateline.db --no-progress
	$(BIN)/dateline timeline --db .demo/dateline.db --include all

test: $(TEST_STAMP)
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) .demo build *.egg-info src/*.egg-info
