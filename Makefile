# The two commands of the README: `make run` and `make test`. Only python3 and pip needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/renda
# Two workers, one test file each at a time (module fixtures such as the demo year stay whole).
PYTEST_JOBS ?= -n 2 --dist loadfile

.PHONY: run test test-sqlite test-postgres install lint messages bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Install, migrate, load the demo year and serve on http://127.0.0.1:8000 (SQLite).
run: $(STAMP)
	$(BIN)/renda migrate --noinput
	$(BIN)/renda createcachetable
	$(BIN)/renda demo
	$(BIN)/renda collectstatic --noinput -v0
	$(BIN)/renda serve

# The whole suite on SQLite, then again on PostgreSQL when 127.0.0.1:5432 answers.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -p no:cacheprovider $(PYTEST_JOBS)
	# The API fuzzed (schemathesis over openapi.json as staff and as a deputy), bounded and seeded:
	RENDA_FUZZ=1 FUZZ_EXAMPLES=5 $(BIN)/python -m pytest -p no:cacheprovider -q renda/core/tests/test_api_fuzz.py --hypothesis-seed=20241226
	@if $(BIN)/python -c "import socket; socket.create_connection(('127.0.0.1', 5432), 2)" 2>/dev/null; then \
		echo "== PostgreSQL answers on 127.0.0.1:5432: running the suite on it too =="; \
		DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest -p no:cacheprovider $(PYTEST_JOBS) -m "not browser"; \
	else \
		echo "== PostgreSQL does not answer on 127.0.0.1:5432: SQLite run only =="; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy renda

# Regenerate the message catalogues (needs GNU gettext) and compile them.
messages: $(STAMP)
	cd renda && ../$(BIN)/django-admin makemessages -l zh_Hans -l en --no-location --ignore 'core/tests/*'
	cd renda && ../$(BIN)/django-admin compilemessages

# The benchmark's databases (built if missing, never dropped) and port; see bench/run.py.
BENCH_DB ?= postgres://postgres@127.0.0.1:5432/renda_bench
BENCH_SCALE_DB ?= postgres://postgres@127.0.0.1:5432/renda_bench_scale
BENCH_PORT ?= 8123
bench: $(STAMP)
	$(BIN)/python bench/run.py --database-url $(BENCH_DB) --scale-url $(BENCH_SCALE_DB) \
		--port $(BENCH_PORT)

clean:
	rm -rf $(VENV) staticfiles renda.sqlite3
