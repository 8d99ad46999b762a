# CDDP for QGIS — run `make help`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
VERSION := $(shell sed -n 's/^version=//p' cddp_plugin/metadata.txt)
PLUGIN := cddp_plugin
TS := $(PLUGIN)/i18n/cddp_plugin_th.ts
QM := $(TS:.ts=.qm)
RC := $(PLUGIN)/resources_rc.py
SHARED ?= $(abspath ../shared/data)
DEMO_DIR ?= demo-output
export QT_QPA_PLATFORM ?= offscreen
export XDG_RUNTIME_DIR ?= /tmp/runtime-$(shell id -u)

.PHONY: help setup venv build test demo package lint format qgis bench screenshot translations update-ts clean openapi

help:
	@echo "make setup    install QGIS 3.40 (bookworm-backports), fonts, tools and the .venv (idempotent)"
	@echo "make demo     build the demo municipality workspace from ../shared/data and report it"
	@echo "make test     run the test suite (real QGIS, headless)"
	@echo "make package  write dist/cddp_plugin-$(VERSION).zip"
	@echo "make lint     ruff check + format check"
	@echo "make qgis     open QGIS desktop with the plugin and the demo project"
	@echo "make bench    run the benchmarks (bench/)"
	@echo "make update-ts  refresh the Thai .ts from the sources and fill it from i18n/th/"
	@echo "make openapi  rewrite the API contract openapi/cddp.yaml from cddp_server (tests fail when they differ)"

STAMP := $(VENV)/.cddp-setup-done

# Always re-checks (idempotent); other targets run it only when the stamp is missing or stale.
setup:
	bash scripts/setup-system.sh
	@test -x $(PY) || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	@PIP_CONSTRAINT=$(CURDIR)/build-constraints.txt $(PY) -m pip install -q --disable-pip-version-check --no-binary pyproj $$(grep -E '^pyproj==' requirements.txt)
	@$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	@$(PY) -m pip install -q --disable-pip-version-check -r requirements-server.txt

	@$(PY) -c "import qgis.core, geopandas, numpy; print('venv ok: QGIS', qgis.core.Qgis.QGIS_VERSION, '| numpy', numpy.__version__, '| geopandas', geopandas.__version__)"
	@touch $(STAMP)

venv: setup

$(STAMP): requirements.txt requirements-server.txt build-constraints.txt scripts/setup-system.sh
	$(MAKE) setup

$(RC): $(STAMP) resources.qrc $(wildcard $(PLUGIN)/icons/*.svg)
	pyrcc5 -o $@ resources.qrc

$(QM): $(STAMP) $(TS)
	lrelease -silent $(TS) -qm $@

translations: $(QM)

build: $(RC) $(QM)

# The Thai wording is written only in i18n/th/<part>.py (TH = {english: thai}). This target runs pylupdate5 on
# the sources and fills every message of $(TS) from those tables in one go, printing the counts and the
# messages still without Thai; the .ts is a build product, committed. tests/test_translations.py checks it.
update-ts:
	/usr/bin/python3 scripts/update_ts.py

# The store-of-record tests (tests/integrity) work on copies of the demo workspaces: `make test` builds
# them first, again whenever the plugin or the demo script changed (without ../shared/data they skip).
DEMO_STAMP := $(DEMO_DIR)/.demo-done
DEMO_SOURCES := $(shell find cddp_plugin scripts -name '*.py' -not -name resources_rc.py 2>/dev/null) $(wildcard cddp_plugin/core/*/data/*)

$(DEMO_STAMP): $(DEMO_SOURCES) $(RC) $(QM)
	@if [ -d "$(SHARED)" ]; then $(PY) scripts/demo.py --shared "$(SHARED)" --out "$(DEMO_DIR)" && touch $@; \
	else echo "no $(SHARED): the tests that need the demo workspaces will skip"; fi

WHEELS_STAMP := .cache/wheels/.done

test: build $(DEMO_STAMP) $(WHEELS_STAMP)
	mkdir -p $(XDG_RUNTIME_DIR) && chmod 700 $(XDG_RUNTIME_DIR)
	$(PY) -m pytest; rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$rc

# The wheels "Install Python packages…" installs, for the stock-QGIS test (installed offline from here);
# the stamp is defined above (make expands a rule's prerequisites where the rule is read)
$(WHEELS_STAMP): cddp_plugin/toolbelt/dependencies.py scripts/wheelhouse.py
	/usr/bin/python3 scripts/wheelhouse.py --out .cache/wheels && touch $@

wheels: $(WHEELS_STAMP)

# The committed API contract; tests/server/test_openapi.py fails when the server drifts from it.
openapi: $(STAMP)
	$(PY) scripts/openapi.py --write

demo: build
	$(PY) scripts/demo.py --shared "$(SHARED)" --out "$(DEMO_DIR)"
	@touch $(DEMO_STAMP)

package: build
	$(PY) scripts/package.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format:
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

qgis: build
	@test -f $(DEMO_DIR)/prueyai.qgz || $(MAKE) demo
	QT_QPA_PLATFORM= $(PY) scripts/qgis_session.py --profile .qgis-profile/desktop --locale th --project $(DEMO_DIR)/prueyai.qgz

screenshot: build
	@test -f $(DEMO_DIR)/prueyai.qgz || $(MAKE) demo
	$(PY) scripts/qgis_session.py --locale th --probe --project $(DEMO_DIR)/prueyai.qgz --screenshot docs/workspace-dock-th.png
	$(PY) scripts/qgis_session.py --locale th --probe --project $(DEMO_DIR)/prueyai.qgz --inspect 08M006 --screenshot docs/inspector-dock-th.png
	$(PY) scripts/qgis_session.py --locale th --probe --project $(DEMO_DIR)/pathumwan.qgz --workorders orders --screenshot docs/workorders-dock-th.png
	$(PY) scripts/qgis_session.py --locale th --probe --project $(DEMO_DIR)/pathumwan.qgz --workorders kpi --screenshot docs/workorders-kpi-th.png
	$(PY) scripts/qgis_session.py --locale th --probe --screen 1366x768 --project $(DEMO_DIR)/pathumwan.qgz --workorders orders --screenshot docs/workorders-dock-th-1366.png
	$(PY) scripts/qgis_session.py --locale th --probe --screen 1366x768 --project $(DEMO_DIR)/pathumwan.qgz --workorders orders --scroll-to saveButton --screenshot docs/workorders-dock-th-1366-buttons.png
	$(PY) scripts/qgis_session.py --locale th --probe --screen 1920x1080 --project $(DEMO_DIR)/pathumwan.qgz --workorders orders --screenshot docs/workorders-dock-th-1920.png


bench: build
	$(PY) bench/run.py

clean:
	rm -rf dist $(RC) $(QM) .pytest_cache .ruff_cache $(DEMO_DIR) .qgis-profile
