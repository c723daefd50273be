#!/usr/bin/env bash
# `make soak`: one bounded end-to-end run (≤ 10 minutes) of the real stack under load, faults and
# hostile input; writes docs/RELIABILITY.md. Mounting the small tmpfs for the disk-full fault needs
# root; without it that fault is reported as not run.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet artifacts/bin/MovieGen.Soak/debug/MovieGen.Soak.dll --out docs/RELIABILITY.md --machine "$(./scripts/machine.sh)" "$@"
