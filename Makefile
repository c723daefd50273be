# MovieGen — the commands the README names. Every target installs what is missing first.
SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help setup build run worker test bench generate soak

help:
	@echo "make run      install what is missing, start PocketBase + API + worker (Ctrl-C stops all)"
	@echo "make test     install what is missing, run every test"
	@echo "make worker   start one more worker against the running stack"
	@echo "make generate URL=... OUT=dir   one video from the command line"
	@echo "make bench    measure and write docs/BENCHMARKS.md"

setup:
	@./scripts/setup.sh

# The programs only (the solution filter leaves tests and benchmarks out).
build: setup
	@dotnet build MovieGen.App.slnf --nologo -v q -clp:ErrorsOnly

test: setup
	@./scripts/test.sh

run: build
	@./scripts/run.sh all

worker: build
	@./scripts/run.sh worker

generate: build
	@test -n "$(URL)" || { echo "usage: make generate URL=<article url | script.yaml> OUT=<dir>"; exit 2; }
	@./scripts/env.sh dotnet artifacts/bin/MovieGen.Cli/debug/moviegen.dll generate "$(URL)" -o "$(or $(OUT),out)"

bench: setup
	@dotnet build MovieGen.sln --nologo -v q -clp:ErrorsOnly
	@./scripts/bench.sh

soak: setup
	@dotnet build MovieGen.sln --nologo -v q -clp:ErrorsOnly
	@./scripts/soak.sh
