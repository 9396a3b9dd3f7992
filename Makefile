# Personal Tokens: one entry point for setting up, building, testing and running the suite.
# Every target that needs tools runs `setup` first, so a fresh machine needs only `make demo`
# and `make test`.

SHELL := /bin/bash
CARGO ?= cargo
CARGO_FLAGS ?= --locked

.PHONY: help setup setup-rust build artifacts test lint unit sandbox e2e demo deploy bench docs node clean

help: ## List the targets.
	@grep -E '^[a-z0-9]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 10

setup: ## Install the pinned toolchain, cargo-contract 5.0.3 and packages (idempotent).
	@scripts/setup.sh

setup-rust: ## Install the pinned toolchain and packages only (enough for `make demo`).
	@scripts/setup.sh --rust-only

build: setup ## Build the five contracts (release Wasm) and print their sizes.
	@scripts/build.sh

artifacts: setup build ## Copy the built contracts into artifacts/ (commit them; `make test` checks them).
	@scripts/artifacts.sh update

test: setup ## fmt, clippy, unit tests, build, artifacts reproduced, sandbox system tests, ink_e2e, live node.
	@scripts/test.sh

lint: setup ## cargo fmt --check and clippy -D warnings on the whole workspace.
	@scripts/test.sh lint

unit: setup ## Unit and property tests of the contracts' logic (no chain).
	@scripts/test.sh unit

sandbox: setup build ## System tests on the embedded sandbox (needs the built contracts).
	@scripts/test.sh sandbox

e2e: setup build ## ink_e2e tests, then on a live node: plan (interrupted and resumed), ink_e2e, cargo contract CLI.
	@scripts/test.sh e2e

demo: setup-rust ## The seed story end to end on the embedded sandbox, from the committed artifacts/.
	@PERSONAL_TOKENS_ARTIFACTS="$(CURDIR)/artifacts" $(CARGO) run $(CARGO_FLAGS) --quiet -p deploy -- demo

deploy: setup build ## Run the deployment plan: sandbox by default, a node with ARGS="--backend node ...".
	@$(CARGO) run $(CARGO_FLAGS) --quiet -p deploy --features node -- plan $(ARGS)

node: setup ## Run a local contracts node (ws://127.0.0.1:9944) in the foreground.
	@scripts/node.sh

bench: setup build ## Gas and size report, written to bench/RESULTS.md.
	@scripts/build.sh --dir bench/contracts >/dev/null
	@$(CARGO) run $(CARGO_FLAGS) --quiet -p deploy -- bench

docs: setup build ## Regenerate docs/messages.md from the contracts' metadata.
	@$(CARGO) run $(CARGO_FLAGS) --quiet -p deploy -- docs

.PHONY: app
app: setup-rust ## The browser dApp at http://127.0.0.1:5173 on a local node: starts one if needed, deploys, seeds.
	@scripts/app.sh

clean: ## Remove build outputs.
	$(CARGO) clean
