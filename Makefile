# Union State Explained. `make site` and `make test` set everything up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SITE := site
TEACHER_SITE := teacher-site
BUILD := build

.PHONY: site test lab bench strip clean

# Create the virtual environment from the pinned requirements; re-runs are a no-op.
$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@# Make `import utils` work from any folder (kernels start in notebooks/): a .pth file
	@# pointing at this checkout, which is all an editable install does, without a build step.
	$(PY) -c "import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()['purelib'], 'union_state_explained.pth').write_text('$(CURDIR)\n')"
	touch $(STAMP)

# Execute every notebook and render two static sites (both work from file://):
# site/ is the student edition (worked solutions removed), teacher-site/ keeps them.
# The notebooks run once, into a fresh cache that the second build reads.
SPHINX := $(PY) -m sphinx -b html -c book -E -W --keep-going -q -j 2
site: $(STAMP)
	rm -rf $(SITE) $(TEACHER_SITE) $(BUILD)/jupyter_cache
	@# Create the cache first: two parallel readers creating it at once collide.
	$(PY) -c "from jupyter_cache import get_cache; get_cache('$(BUILD)/jupyter_cache').list_cache_records()"
	USE_EXECUTION_MODE=cache $(SPHINX) -d $(BUILD)/doctrees-student -t student notebooks $(SITE)
	USE_EXECUTION_MODE=cache $(SPHINX) -d $(BUILD)/doctrees-teacher notebooks $(TEACHER_SITE)
	@echo "Student site written to $(SITE)/index.html, teacher site to $(TEACHER_SITE)/index.html"

# Whole test suite: unit and data tests, nbval over every notebook, browser test over the site.
test: site
	$(PY) -m pytest tests --nbval-lax notebooks -p no:cacheprovider

# JupyterLab on notebooks/ with the project's environment.
lab: $(STAMP)
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks

# Execution time vs. floor, and site size vs. plotly.js + data.
bench: site
	$(PY) tools/bench.py

# Re-run the notebooks; keep only the outputs of the fact cells that nbval compares.
strip: $(STAMP)
	$(PY) tools/strip_outputs.py notebooks/[0-9]*.ipynb notebooks/glossary.ipynb

clean:
	rm -rf $(SITE) $(TEACHER_SITE) $(BUILD)
