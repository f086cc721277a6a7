# Vietnam Smart City Briefing: `make site` builds everything, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
lang ?= en

.PHONY: site test serve preview messages clean

site: $(INSTALLED)
	$(BIN)/python -m generator build

test: $(INSTALLED)
	$(BIN)/python -m pytest

# Live preview of one language (make serve lang=vi); pages regenerate when sources/ changes.
serve: $(INSTALLED)
	$(BIN)/python -m generator serve --lang $(lang)

# The three built sites together, with the language selector working between them.
preview: site
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory site 8000

# After changing the words of a template: refresh the catalog template and the vi/fr catalogs.
messages: $(INSTALLED)
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output --omit-header -o templates/locale/messages.pot .
	$(BIN)/pybabel update -i templates/locale/messages.pot -d templates/locale --no-location --width 100

$(INSTALLED): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(INSTALLED)

clean:
	rm -rf build site
