#!/usr/bin/env bash
# Runs a command with MovieGen's settings: variables already in the environment win, then .env
# (created from .env.example on first use). Relative data directories become absolute.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
[ -f "$root/.env" ] || cp "$root/.env.example" "$root/.env"

while IFS= read -r line || [ -n "$line" ]; do
  [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
  key="${line%%=*}"
  value="${line#*=}"
  [[ "$key" =~ ^[A-Z_][A-Z0-9_]*$ ]] || continue
  [ -n "${!key+x}" ] || export "$key=$value"
done < "$root/.env"

for var in PB_DATA_DIR JOB_DATA_DIR; do
  if [ -n "${!var:-}" ] && [[ "${!var}" != /* ]]; then
    export "$var=$root/${!var}"
  fi
done

exec "$@"
