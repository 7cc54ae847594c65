# Headless Chromium for the browser tests (tests/test_browser.py), included by the main Makefile.
# Debian's chromium is used because Playwright's own browser download cannot be fetched here;
# the tests launch it with executable_path=/usr/bin/chromium. Needs root for apt-get.
VENV ?= .venv
CHROMIUM ?= /usr/bin/chromium

.PHONY: browser-deps

browser-deps: $(VENV)/.installed-browser

$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# Stamped like the main installs; redone when the browser binary is missing.
$(VENV)/.installed-browser: | $(CHROMIUM)
	$(VENV)/bin/pip install -q "playwright>=1.45,<2"
	@touch $@
