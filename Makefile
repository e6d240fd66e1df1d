# Discern's commands. Each one installs whatever is missing first (scripts/setup.sh) and is
# quick when everything is already there.
#
#   make serve    the app on http://127.0.0.1:8080, rebuilt on every change
#   make test     formatting, lints, native tests, then browser tests on a release build
#   make release  dist/ for any static host, from any sub-path
#   make bench    tagging latency and open times, measured in headless Chromium

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
ENV := source scripts/env.sh
.PHONY: setup serve test lint native release e2e bench

setup:
	@bash scripts/setup.sh

serve: setup
	@$(ENV); wasm_env trunk serve

lint: setup
	@$(ENV); cargo fmt --check
	@$(ENV); cargo clippy --all-targets -- -D warnings
	@$(ENV); wasm_env cargo clippy --target wasm32-unknown-unknown -- -D warnings

native: setup
	@$(ENV); cargo test

release: setup
	@$(ENV); wasm_env trunk build --release --public-url ./
	@bash scripts/size.sh dist

e2e: release
	@$(ENV); node --test --test-reporter=spec tests/e2e/

test: lint native e2e

bench: release
	@$(ENV); node tests/bench/bench.mjs
