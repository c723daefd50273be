#!/usr/bin/env bash
# Runs a command with MovieGen's settings: variables already in the environment win, then .env
# (created from .env.example on first use; MOVIEGEN_ENV_FILE names another file). Relative data
# directories become absolute.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
env_file="${MOVIEGEN_ENV_FILE:-$root/.env}"
[ -f "$env_file" ] || cp "$root/.env.example" "$env_file"

while IFS= read -r line || [ -n "$line" ]; do
  [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
  key="${line%%=*}"
  value="${line#*=}"
  [[ "$key" =~ ^[A-Z_][A-Z0-9_]*$ ]] || continue
  [ -n "${!key+x}" ] || export "$key=$value"
done < "$env_file"

for var in PB_DATA_DIR JOB_DATA_DIR; do
  if [ -n "${!var:-}" ] && [[ "${!var}" != /* ]]; then
    export "$var=$root/${!var}"
  fi
done

exec "$@"
