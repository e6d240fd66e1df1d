# Discern's commands. Each one installs whatever is missing first (scripts/setup.sh) and is
# quick when everything is already there.
#
#   make serve    `trunk serve`: the reading page on http://127.0.0.1:8080, rebuilt on every
#                 change (`make serve PAGE=assignment.html` or `PAGE=teach.html`: the other pages)
#   make test     formatting, lints, native tests, then browser tests on a release build
#   make release  dist/ for any static host, from any sub-path, with .br and .gz copies and
#                 the service worker that keeps it offline
#   make bench    tagging latency, open and import times, measured in headless Chromium

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
ENV := source scripts/env.sh
.PHONY: setup serve test lint native release e2e bench

setup:
	@bash scripts/setup.sh

PAGE ?= index.html
serve: setup
	@$(ENV); wasm_env trunk serve --locked $(PAGE)

# Lints are the pinned toolchain's on every machine, over both crates of the workspace (the
# app and its model). The app has no wasm-only code, so the native pass reads every line; the
# wasm32 pass runs where the pinned toolchain has that target (the rustup route).
lint: setup
	@$(ENV); cargo fmt --all --check
	@$(ENV); cargo clippy --locked --workspace --all-targets -- -D warnings
	@$(ENV); if [ "$$route" = rustup ]; then \
	  cargo clippy --locked --target wasm32-unknown-unknown -- -D warnings; \
	else \
	  echo "lint: offline route, the native pass above covered the wasm build's code"; \
	fi

native: setup
	@$(ENV); cargo test --locked --workspace

# The four pages (docs/ARCHITECTURE.md#pages) are four trunk builds: the assignment page,
# the compare page and the page for setting an assignment are built beside the reading page
# and copied in.
PAGES := assignment teach set
release: setup
	@$(ENV); wasm_env trunk build --release --locked --public-url ./
	@$(ENV); for p in $(PAGES); do \
	  wasm_env trunk build --release --locked --public-url ./ $$p.html \
	    --dist target/$$p-dist --html-output $$p.html && cp -R target/$$p-dist/. dist/ || exit 1; \
	done
	@node scripts/finish-release.mjs dist

e2e: release
	@$(ENV); node --test --test-reporter=spec tests/e2e/

test: lint native e2e

bench: release
	@$(ENV); node tests/bench/bench.mjs
