# Two commands do all set-up on a fresh machine:
#   make run   — install, then start the web app (indexes the corpus on first start)
#   make test  — install with test needs (chromium, fonts), run the tests and the eval gate
VENV ?= .venv
PY := $(VENV)/bin/python
# torch is pinned and installed in the same pip command as everything else: a later or
# unpinned torch would pull a multi-GB CUDA build instead of the CPU wheel on disk.
PIP_INSTALL := $(PY) -m pip install --quiet torch==2.13.0

.PHONY: install install-test run index ask test eval clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PIP_INSTALL) -e '.[test]'
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) app.py $(ARGS)

index: install
	$(PY) -m assistant index

ask: install
	$(PY) -m assistant ask "$(Q)"

# Debian chromium + a CJK font for the browser tests (Playwright drives /usr/bin/chromium;
# it never downloads a browser of its own here).
install-test: install
	@if ! command -v chromium >/dev/null || ! dpkg -s fonts-wqy-zenhei >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null; \
	fi

test: install-test
	$(PY) -m pytest -q
	$(PY) -m eval gate --questions eval/questions.jsonl --followups eval/followups.jsonl --thresholds eval/thresholds.toml

eval: install
	$(PY) -m eval run --questions eval/questions.jsonl --followups eval/followups.jsonl --out eval/out/results.jsonl \
		--config dense --config hybrid --config hybrid+filters

clean:
	rm -rf data eval/out test-artifacts
