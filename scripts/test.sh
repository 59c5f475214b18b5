#!/usr/bin/env bash
# The whole suite: lint, types, domain rules, server on PGlite and on PostgreSQL, the web build,
# the browser tests in Debian's Chromium on PGlite (the server suite already runs every query on
# both databases), and the process-level failure tests (crash, deploy, kill -9 during ingest) on
# both. Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian's Chromium (never a downloaded browser), a CJK font so screenshots show Chinese, and
# poppler's pdftotext, with which the tests read the hazard dossier PDF as a person would.
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi 'wqy\|noto.*cjk' || ! command -v pdftotext >/dev/null; then
  as_root apt-get install -y chromium fonts-wqy-zenhei poppler-utils >/dev/null 2>&1 ||
    { as_root apt-get update >/dev/null && as_root apt-get install -y chromium fonts-wqy-zenhei poppler-utils >/dev/null; }
fi

# The PostgreSQL server the suite also runs against (127.0.0.1:5432, trust auth, database test).
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

# Mosquitto at 127.0.0.1:1883: the MQTT tests run through it as well as through the embedded broker.
if ! (exec 3<>/dev/tcp/127.0.0.1/1883) 2>/dev/null; then
  command -v mosquitto >/dev/null ||
    { as_root apt-get install -y mosquitto >/dev/null 2>&1 || { as_root apt-get update >/dev/null && as_root apt-get install -y mosquitto >/dev/null; }; }
  as_root mosquitto -d -c /etc/mosquitto/mosquitto.conf
  for _ in $(seq 1 30); do (exec 3<>/dev/tcp/127.0.0.1/1883) 2>/dev/null && break; sleep 1; done
fi

[ -d node_modules ] || npm ci

# Each step prints the minutes the suite has run so far: CI's budget is read off these lines.
step() { printf '\n=== %s (at %dm%02ds) ===\n' "$*" $((SECONDS / 60)) $((SECONDS % 60)); }
step lint;                 npm run lint
step typecheck;            npm run typecheck
step 'domain tests';       npm run test:domain
# The server suite on both databases side by side: the PGlite one is one busy core (WASM in the
# test process), the PostgreSQL one shares its load with the server; one after the other they took
# 31 of CI's 59 minutes. Each writes to its own log, printed whole when both are done; the tests
# on the shared Mosquitto use topic roots of their own. SERVER_SUITES=serial runs them in turn.
step 'server tests: PGlite and PostgreSQL'
if [ "${SERVER_SUITES:-parallel}" = serial ]; then
  TAISHAN_TEST_DB=pglite npm run test:server
  TAISHAN_TEST_DB=postgresql npm run test:server
else
  logs=$(mktemp -d)
  TAISHAN_TEST_DB=postgresql npm run test:server >"$logs/postgresql.log" 2>&1 &
  pg_pid=$!
  pglite_rc=0; TAISHAN_TEST_DB=pglite npm run test:server >"$logs/pglite.log" 2>&1 || pglite_rc=$?
  pg_rc=0; wait "$pg_pid" || pg_rc=$?
  for db in pglite postgresql; do
    printf '\n=== server tests: %s (output) ===\n' "$db"
    cat "$logs/$db.log"
  done
  rm -rf "$logs"
  printf '\nserver tests: PGlite exit %s, PostgreSQL exit %s (at %dm%02ds)\n' "$pglite_rc" "$pg_rc" $((SECONDS / 60)) $((SECONDS % 60))
  if [ "$pglite_rc" != 0 ] || [ "$pg_rc" != 0 ]; then exit 1; fi
fi
step 'web build';          npm run build:web
# The browser suites start their servers on copies of one demo-seeded data folder (e2e/lib/server.ts).
template_root=$(mktemp -d)
step 'browser tests: PGlite';     E2E_DB=pglite E2E_TEMPLATE_DIR="$template_root/data" npm run test:e2e
rm -rf "$template_root"
step 'failure tests: PostgreSQL'
E2E_DB=postgresql node --import tsx --test --test-concurrency=1 e2e/tests/crash.test.ts e2e/tests/deploy.test.ts e2e/tests/telemetry-crash.test.ts
step 'all passed'
