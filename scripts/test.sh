#!/usr/bin/env bash
# make test: the whole suite on real PostgreSQL and Redis, then again on the SQLite default.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
source scripts/services.sh
ensure_postgres
ensure_redis
mkdir -p test-artifacts

# The browser test drives Debian's Chromium (never a downloaded browser build); installed once if missing.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "Installing Debian chromium + chromium-driver for the browser test" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
    || echo "WARNING: could not install chromium; the browser test will be skipped" >&2
fi

# Static check first: pyflakes rules (undefined names, unused imports ...) over the product code. An
# undefined name inside a rule that is rarely reached would otherwise only show as a fail-closed hold.
echo "== ruff (pyflakes rules) =="
.venv/bin/ruff check --select F --no-cache --quiet comments moderation newsportal webhooks bench scripts

echo "== PostgreSQL + Redis =="
DATABASE_URL="postgres://postgres@127.0.0.1:5432/newsportal" REDIS_URL="redis://127.0.0.1:6379/15" \
  $PY -m pytest "$@"

echo "== SQLite (default database) =="
env -u DATABASE_URL REDIS_URL="redis://127.0.0.1:6379/14" \
  $PY -m pytest -m "not postgres_only" "$@"
