# The two commands of the README. Both install whatever is missing first (idempotent).
SHELL := /bin/bash
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: run test check bench

## Build and start the portal on http://127.0.0.1:3000 with a SQLite database and demo data
## (a year of history written in the background on first start).
run:
	.ci/install-tools run
	MINSHENG_DEMO_DATA=$${MINSHENG_DEMO_DATA:-true} MINSHENG_DEMO_HISTORY=$${MINSHENG_DEMO_HISTORY:-3000} cargo leptos serve --release

## Every test: unit, integration (real server over HTTP: on SQLite with photos in a directory,
## then on a throwaway PostgreSQL server with photos in a throwaway S3 bucket), browser
## (Playwright in Chromium).
test:
	.ci/install-tools test
	cargo test -p app --features ssr
	cargo test -p server
	.ci/with-postgres .ci/with-s3 cargo test -p server
	cargo leptos build --release --frontend-only
	cd end2end && MINSHENG_E2E_SERVER=target/debug/server npx playwright test

## Static checks CI runs before the tests: formatting, clippy with warnings as errors (server
## side, browser side on wasm32, the binary and its tests and benchmarks).
check:
	.ci/install-tools test
	cargo fmt --all --check
	cargo clippy -p app --features ssr --all-targets -- -D warnings
	cargo clippy -p app --features hydrate --target wasm32-unknown-unknown -- -D warnings
	cargo clippy -p server --all-targets -- -D warnings

## Benchmarks: photo pipeline vs libjpeg-turbo, page weight, lookup throughput.
bench:
	.ci/install-tools test
	bench/run
