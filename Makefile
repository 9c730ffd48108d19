# Everything set-up needs, from a machine with only python3 and make.
PYTHON ?= python3
UV_VERSION = 0.13.9
UV = .tools/bin/uv
VENV = .venv
export UV_PYTHON_DOWNLOADS = never
export UV_PROJECT_ENVIRONMENT = $(VENV)

.PHONY: install run demo test lint bench clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python $(PYTHON) --quiet
	touch $@

# ical.js, which the invite tests use to read an invite as Thunderbird does. Without npm those
# tests are skipped locally (CI installs node and npm, and fails without them).
NPM := $(shell command -v npm)
node_modules/.installed: package.json package-lock.json
ifneq ($(NPM),)
	$(NPM) ci --no-audit --no-fund --loglevel=error
	touch $@
else
	@echo "npm not found: invite tests that read the invite with ical.js will be skipped."
endif

install: $(VENV)/.installed node_modules/.installed

run: install
	DEBUG=$${DEBUG:-true} $(VENV)/bin/mentorplan migrate --no-input
	DEBUG=$${DEBUG:-true} $(VENV)/bin/mentorplan serve 127.0.0.1:8000

demo: install
	DEBUG=$${DEBUG:-true} $(VENV)/bin/mentorplan migrate --no-input
	DEBUG=$${DEBUG:-true} $(VENV)/bin/mentorplan demo

test: install
	$(VENV)/bin/pytest $(ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy mentorplan
	DJANGO_SETTINGS_MODULE=mentorplan.settings_test $(VENV)/bin/python manage.py makemigrations --check --dry-run

clean:
	rm -rf .tools $(VENV) node_modules

# The bench loads the app with wrk (Debian's package). Run as root, it installs wrk when missing;
# otherwise it asks for it. BENCH_DATABASE_URL (or a PostgreSQL DATABASE_URL) benches PostgreSQL too.
bench: install
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk; } || \
		{ echo "make bench needs wrk: sudo apt-get install wrk"; exit 1; }
	$(VENV)/bin/python -m mentorplan.bench
