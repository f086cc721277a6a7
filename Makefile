# Vietnam Smart City Briefing: `make site` builds everything, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
lang ?= en
# Where the site is published (each language at $(SITE_URL)<lang>/): by default site_url in mkdocs.yml, else none.
SITE_URL ?=

.PHONY: site test test-fast audit lint check check-github bench serve preview messages clean system-packages browser-packages

site: $(INSTALLED) system-packages
	$(BIN)/python -m generator $(if $(SITE_URL),--site-url "$(SITE_URL)") build

# Every test, after the static checks: what CI runs (.ci/run).
test: lint $(INSTALLED) system-packages browser-packages
	$(BIN)/python -m pytest

# The quick loop (under a minute): the tests that run neither a browser nor full builds of the sites.
test-fast: $(INSTALLED) system-packages
	$(BIN)/python -m pytest -m "not slow"

# The web's validators on the built sites (also part of make test): Lighthouse on a page of each kind,
# the Nu Html Checker on every page; their reports are written to test-artifacts/audits-*.txt.
audit: $(INSTALLED) system-packages browser-packages
	$(BIN)/python -m pytest tests/browser/test_audits.py

# ruff (style, imports, likely bugs) and mypy (types) over the generator; configured in pyproject.toml.
lint: $(INSTALLED)
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/mypy

# Validate sources/ without building: every problem as file:line:col, exit 1 on errors.
check: $(INSTALLED)
	$(BIN)/python -m generator check

# The same, as GitHub Actions annotations on a pull request's diff.
check-github: $(INSTALLED)
	$(BIN)/python -m generator check --format github

# What a person waits for, on the seeds and synthetic corpora (benchmarks/README.md): make bench, or make bench N="seeds 100".
N ?= seeds 100 1000
bench: $(INSTALLED) system-packages
	$(BIN)/python benchmarks/bench.py $(N)
	$(BIN)/python benchmarks/hostile.py

# Live preview of one language (make serve lang=vi); pages regenerate when sources/ changes.
# With dirty=1, MkDocs rebuilds only the pages whose Markdown changed (seconds instead of minutes at thousands of articles).
serve: $(INSTALLED)
	$(BIN)/python -m generator $(if $(SITE_URL),--site-url "$(SITE_URL)") serve --lang $(lang) $(if $(dirty),--dirty)

# The three built sites together, with the language selector working between them.
preview: site
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory site 8000

# After changing the words of a template: refresh the catalog template and the vi/fr catalogs.
messages: $(INSTALLED)
	$(BIN)/pybabel extract -F babel.cfg -k N_ --no-location --sort-output --omit-header -o generator/templates/locale/messages.pot .
	$(BIN)/pybabel update -i generator/templates/locale/messages.pot -d generator/templates/locale --width 100

# WeasyPrint (the PDF) needs the Pango library: installed with apt-get where we can, else named.
system-packages:
	@$(PYTHON) -c "import ctypes.util as u, sys; sys.exit(not (u.find_library('pango-1.0') and u.find_library('pangoft2-1.0')))" || \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Pango for WeasyPrint (apt-get install libpango-1.0-0 libpangoft2-1.0-0)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; \
	else \
		echo "The PDF needs Pango: install the packages libpango-1.0-0 and libpangoft2-1.0-0 (Debian/Ubuntu) or pango (other systems)." >&2; \
		exit 1; \
	fi
	@# HarfBuzz's subsetter embeds only the glyphs the PDF uses; without it WeasyPrint falls back on fontTools,
	@# more slowly and with a deprecation warning (future WeasyPrint versions will require it).
	@$(PYTHON) -c "import ctypes.util as u, sys; sys.exit(not u.find_library('harfbuzz-subset'))" || \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing HarfBuzz's font subsetter for WeasyPrint (apt-get install libharfbuzz-subset0)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libharfbuzz-subset0 >/dev/null; \
	else \
		echo "Note: install the package libharfbuzz-subset0 (Debian/Ubuntu) or harfbuzz (other systems) for faster PDFs: until then WeasyPrint subsets the PDFs' fonts with fontTools." >&2; \
	fi

# The browser tests drive Debian's Chromium (never a downloaded browser) and inject axe-core; the PDF tests use Poppler.
AUDIT_TOOLS := $(VENV)/npm/.installed
browser-packages: $(AUDIT_TOOLS)
	@test -x /usr/bin/chromium || \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Chromium for the browser tests (apt-get install chromium)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "The browser tests need Chromium at /usr/bin/chromium: install the Debian package chromium." >&2; \
		exit 1; \
	fi

	@# The Nu Html Checker runs on Java.
	@command -v java >/dev/null || \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing a Java runtime for the Nu Html Checker (apt-get install default-jre-headless)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	else \
		echo "The HTML audit needs Java: install the Debian package default-jre-headless." >&2; \
		exit 1; \
	fi

	@# The PDF tests read the PDFs as Poppler does (pdfinfo: tagged, pages).
	@command -v pdfinfo >/dev/null || \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Poppler's tools for the PDF tests (apt-get install poppler-utils)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; \
	else \
		echo "The PDF tests need pdfinfo: install the Debian package poppler-utils." >&2; \
		exit 1; \
	fi

# The audits' tools from npm, pinned: axe-core (injected into pages), Lighthouse 12 (runs on Node 20) and
# the Nu Html Checker (vnu-jar, run with Java).
$(AUDIT_TOOLS):
	@command -v npm >/dev/null || { echo "The accessibility tests and audits need npm: install Node.js (20 or newer) and npm." >&2; exit 1; }
	npm install --silent --no-audit --no-fund --prefix $(VENV)/npm axe-core@4.14.1 lighthouse@12.8.2 vnu-jar@26.9.27
	touch $(AUDIT_TOOLS)

$(INSTALLED): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(INSTALLED)

clean:
	rm -rf build site
