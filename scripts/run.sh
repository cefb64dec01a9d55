#!/usr/bin/env bash
# make run: migrate, seed the demo, start web + Celery worker + beat; one Ctrl-C stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
source scripts/services.sh
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"

$PY manage.py migrate --noinput
$PY manage.py sync_default_terms  # word lists added to the engine since the last run
$PY manage.py seed_demo

pids=()
cleanup() { trap - INT TERM EXIT; for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup INT TERM EXIT

if redis_up "$REDIS_URL"; then
  # One worker for every queue here; production runs one per queue (README, Running in production).
  DATABASE_CONN_MAX_AGE="${DATABASE_CONN_MAX_AGE:-60}" \
    .venv/bin/celery -A newsportal worker -Q moderation,bulk,webhooks --concurrency 1 --prefetch-multiplier 1 -l info &
  pids+=($!)
  .venv/bin/celery -A newsportal beat -l info --schedule "${TMPDIR:-/tmp}/newsportal-celerybeat-schedule" &
  pids+=($!)
else
  echo "################################################################" >&2
  echo "#  WARNING: no Redis answers at $REDIS_URL" >&2
  echo "#  Moderation tasks will run IN-PROCESS (no worker, no beat)." >&2
  echo "#  Start Redis or set REDIS_URL for the real pipeline." >&2
  echo "################################################################" >&2
  export CELERY_TASK_ALWAYS_EAGER=1
  # Comments seeded while no worker ran are still pending: moderate them now.
  $PY manage.py shell -c "from moderation.tasks import sweep_pending; sweep_pending.apply(kwargs={'older_than_seconds': 0})" || true
fi
echo "Serving http://127.0.0.1:8000/  (Ctrl-C stops everything)"
$PY manage.py runserver 127.0.0.1:8000 --noreload &
pids+=($!)
wait -n "${pids[@]}"
