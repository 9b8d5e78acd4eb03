# Union State Explained. `make site` and `make test` set everything up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SITE := site
TEACHER_SITE := teacher-site
BUILD := build
SITE_STAMP := $(BUILD)/site.stamp
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
# Everything the sites are built from: a change to any of these rebuilds them.
SITE_INPUTS := $(shell find notebooks data geo utils book -type f ! -name '*.pyc' \
	! -path '*/__pycache__/*' ! -path '*/.ipynb_checkpoints/*' 2>/dev/null)
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: site test lab check-data typecheck chromium bench lighthouse strip clean

# Create the virtual environment from the pinned requirements; re-runs are a no-op.
$(STAMP): requirements.txt pyproject.toml tools/jupyter_config.py tools/offline_export.py
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --quiet --disable-pip-version-check -r requirements.txt
	@# Make `import utils` work from any folder (kernels start in notebooks/): a .pth file
	@# pointing at this checkout, which is all an editable install does, without a build step.
	$(PY) -c "import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()['purelib'], 'union_state_explained.pth').write_text('$(CURDIR)\n')"
	@# Offline HTML exports by default, and quiet kernels, in this environment only.
	$(PY) tools/jupyter_config.py
	touch $(STAMP)

# Validate data/ and geo/ before anything uses them: on bad data, print one line per
# problem (file, row, column) and stop, before Sphinx or JupyterLab start.
check-data: $(STAMP)
	@$(PY) tools/check_data.py

# Execute every notebook and render two static sites (both work from file://):
# site/ is the student edition (worked solutions removed), teacher-site/ keeps them.
# The notebooks run once, into a fresh cache that the second build and the tests read.
site: check-data $(SITE_STAMP)
	@echo "Student site: $(SITE)/index.html; teacher site: $(TEACHER_SITE)/index.html"

# A site folder deleted by hand makes the stamp stale too.
$(if $(and $(wildcard $(SITE)/index.html),$(wildcard $(TEACHER_SITE)/index.html)),,$(shell rm -f $(SITE_STAMP)))
SPHINX := $(PY) -m sphinx -b html -c book -E -W --keep-going -q -j 2
$(SITE_STAMP): requirements.txt $(SITE_INPUTS) | $(STAMP) check-data
	rm -rf $(SITE) $(TEACHER_SITE) $(BUILD)/jupyter_cache $(SITE_STAMP)
	@# Create the cache first: two parallel readers creating it at once collide.
	$(PY) -c "from jupyter_cache import get_cache; get_cache('$(BUILD)/jupyter_cache').list_cache_records()"
	USE_EXECUTION_MODE=cache $(SPHINX) -d $(BUILD)/doctrees-student -t student notebooks $(SITE)
	USE_EXECUTION_MODE=cache $(SPHINX) -d $(BUILD)/doctrees-teacher notebooks $(TEACHER_SITE)
	touch $(SITE_STAMP)

# mypy --strict on utils/, with its incremental cache under build/ (seconds when little changed).
typecheck: $(STAMP)
	$(PY) -m mypy --cache-dir $(BUILD)/mypy_cache

# Debian's Chromium for the browser tests: installed through apt when running as root.
chromium:
	@test -x $(CHROMIUM) || [ "$$(id -u)" != 0 ] || { echo "Installing Chromium with apt-get (browser tests)"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null; }
	@test -x $(CHROMIUM) || { echo "make test needs Chromium: run 'sudo apt-get install chromium' (or set CHROMIUM=/path/to/chromium)" >&2; exit 1; }

# Whole test suite: unit and data tests, nbval's checks over the site build's execution of
# every notebook, the site in a browser, real JupyterLab, and HTML exports. Reuses a fresh site.
test: chromium site typecheck
	$(PY) -m pytest tests -p no:cacheprovider

# JupyterLab with the project's environment, opened at the first notebook. The server is
# rooted at the checkout, so the notebooks' ../data/*.csv download links resolve.
lab: check-data
	$(VENV)/bin/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=$(CURDIR) \
	  --ServerApp.default_url=/lab/tree/notebooks/00_start_here.ipynb

# Execution time vs. floor, page budgets, then Lighthouse's scores for every page (a budget
# over its target fails the target, after Lighthouse has still printed its table).
bench: site
	@status=0; $(PY) tools/bench.py || status=$$?; $(PY) tools/lighthouse.py || status=$$?; exit $$status

# Lighthouse (npm, pinned, installed into build/lighthouse/ on first use) on every page of site/:
# performance and accessibility, mobile profile. Skips with a message when npm is missing.
lighthouse: site
	$(PY) tools/lighthouse.py

# Re-run the notebooks; keep only the outputs of the fact cells that the tests compare.
strip: $(STAMP)
	$(PY) tools/strip_outputs.py notebooks/[0-9]*.ipynb notebooks/glossary.ipynb notebooks/timeline_sources.ipynb

clean:
	rm -rf $(SITE) $(TEACHER_SITE) $(BUILD)
