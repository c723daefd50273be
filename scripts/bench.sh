#!/usr/bin/env bash
# `make bench`: runs each benchmark program (pipeline, API, worker) on loopback and writes their
# figures, with the command and the machine, to docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/BENCHMARKS.md
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

benches=(${BENCHES:-Pipeline Api Worker Extraction})
for name in "${benches[@]}"; do
  echo "bench: $name…" >&2
  dotnet "artifacts/bin/MovieGen.Bench.$name/debug/MovieGen.Bench.$name.dll" --out "$tmp/$name.md" >&2
done

{
  echo "# Benchmarks"
  echo
  echo "Written by \`make bench\` (scripts/bench.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'). Re-run it to refresh;"
  echo "timings are medians or percentiles of repeated runs in one session, compared as ratios"
  echo "measured side by side, because these machines are noisy."
  echo
  ./scripts/machine.sh
  for name in "${benches[@]}"; do
    echo
    cat "$tmp/$name.md"
  done
} > "$out"
echo "bench: wrote $out" >&2
