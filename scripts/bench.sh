#!/usr/bin/env bash
# make bench: run every bench/bench_*.py and print its output. Benches that need services get the
# machine's PostgreSQL (a dedicated `newsportal_bench` database, migrated here) and start their own
# Redis and Celery workers; see each file's docstring.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
source scripts/services.sh
ensure_postgres
ensure_redis
mkdir -p bench-results
# bench_load.py drives the article page with Debian's wrk (a light C load generator) when it is installed.
if ! command -v wrk >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null) \
    || echo "wrk not installed; bench_load.py uses its Python client for the page test" >&2
fi

export DATABASE_URL="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/newsportal_bench}"
export REDIS_URL="${BENCH_REDIS_URL:-redis://127.0.0.1:6379/12}"
$PY - "$DATABASE_URL" <<'PY'
import sys
from urllib.parse import urlparse

import psycopg

url = urlparse(sys.argv[1])
with psycopg.connect(host=url.hostname, port=url.port or 5432, user=url.username, dbname="postgres",
                     autocommit=True) as conn:
    name = url.path.lstrip("/")
    if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        conn.execute(f'CREATE DATABASE "{name}"')
PY
$PY manage.py migrate --noinput >/dev/null

status=0
for bench in bench/bench_*.py; do
  echo "== $bench =="
  if ! $PY "$bench"; then
    echo "!! $bench failed" >&2
    status=1
  fi
done
exit $status
