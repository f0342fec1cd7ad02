#!/usr/bin/env bash
# A remote worker, as two hosts on this machine (README "Remote workers"). Runs as root.
#
#   db host (netns zx-db-$$, 10.231.X.1): a scratch PostgreSQL 15 with TLS (a test CA and server
#     certificate made here), listening on 10.231.X.1 and its Unix socket; pg_hba admits the
#     administrator (peer) and zhixing_owner / zhixing_app (SCRAM) on the socket and
#     zhixing_worker over hostssl with SCRAM only, and rejects every connection without TLS.
#     The nightly run of 2024-12-31 runs here, its output folder night-out/.
#   worker host (netns zx-wk-$$, 10.231.X.2): `zhixing worker --wait 60` as zhixing_worker
#     over TLS (sslmode=verify-full), its own output folder worker-out/; killed with SIGKILL
#     after it has rendered some documents.
#
# Asserts: the worker rendered documents; every document is in the nightly's folder with the
# SHA-256 of its documents row; the worker's folder has no PDF; no delivery row is left; the
# documents (paths + SHA-256) equal a reference night without a worker on the same data; a
# connection without TLS and one with a wrong password are refused.
#
# Usage: tests/netns/remote_worker.sh [path/to/zhixing]   (default build/zhixing)
# Environment: ZX_NETNS_CASES (demo cases, default 200), ZX_NETNS_DELAY_MS (render delay per
# item, default 5), ZX_NETNS_KEEP=1 keeps the temporary folder.
set -euo pipefail

SRC=$(cd "$(dirname "$0")/../.." && pwd)
ZX=$(realpath "${1:-$SRC/build/zhixing}")
PGBIN=/usr/lib/postgresql/15/bin
CASES=${ZX_NETNS_CASES:-200}
DELAY_MS=${ZX_NETNS_DELAY_MS:-5}
DATE=2024-12-31

[[ $(id -u) == 0 ]] || { echo "SKIP: needs root (ip netns, runuser)"; exit 77; }
for tool in ip openssl runuser sha256sum; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool missing"; exit 77; }
done
[[ -x $PGBIN/postgres ]] || { echo "SKIP: PostgreSQL 15 missing"; exit 77; }
[[ -x $ZX ]] || { echo "FAIL: no zhixing binary at $ZX"; exit 1; }

started=$(date +%s%N)
X=$(( $$ % 250 + 1 ))
NS_DB=zx-db-$$
NS_WK=zx-wk-$$
DB_IP=10.231.$X.1
WK_IP=10.231.$X.2
PGPORT=5432
T=$(mktemp -d /tmp/zx-netns-XXXXXX)
chmod 755 "$T"
PGDATA=$T/pg/data
SOCK=$T/pg/run
server_started=0
worker_pid=
night_pid=

elapsed() { local ms=$(( ($(date +%s%N) - started) / 1000000 )); printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100)); }
say() { printf '[%6ss] %s\n' "$(elapsed)" "$*"; }
fail() { echo "FAIL: $*"; exit 1; }

cleanup() {
  set +e
  [[ -n $worker_pid ]] && kill -9 "$worker_pid" 2>/dev/null
  [[ -n $night_pid ]] && kill -9 "$night_pid" 2>/dev/null
  wait 2>/dev/null
  if [[ $server_started == 1 ]]; then
    ip netns exec "$NS_DB" runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate -w \
      stop >/dev/null 2>&1
  fi
  ip netns pids "$NS_DB" 2>/dev/null | xargs -r kill -9 2>/dev/null
  ip netns pids "$NS_WK" 2>/dev/null | xargs -r kill -9 2>/dev/null
  ip netns del "$NS_DB" 2>/dev/null
  ip netns del "$NS_WK" 2>/dev/null
  if [[ ${ZX_NETNS_KEEP:-0} == 1 ]]; then echo "kept $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT

# ---- two hosts: namespaces joined by a veth pair; the addresses exist only inside them ----
ip netns add "$NS_DB"
ip netns add "$NS_WK"
ip link add "zxd$$" type veth peer name "zxw$$"
ip link set "zxd$$" netns "$NS_DB"
ip link set "zxw$$" netns "$NS_WK"
ip -n "$NS_DB" addr add "$DB_IP/24" dev "zxd$$"
ip -n "$NS_WK" addr add "$WK_IP/24" dev "zxw$$"
for ns in "$NS_DB" "$NS_WK"; do
  ip -n "$ns" link set lo up
done
ip -n "$NS_DB" link set "zxd$$" up
ip -n "$NS_WK" link set "zxw$$" up
in_db() { ip netns exec "$NS_DB" "$@"; }
in_wk() { ip netns exec "$NS_WK" "$@"; }
say "namespaces $NS_DB ($DB_IP) and $NS_WK ($WK_IP)"

# ---- a test CA and the server's certificate for 10.231.X.1 ----
mkdir -p "$T/tls"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=zhixing test CA $$" \
  -keyout "$T/tls/ca.key" -out "$T/tls/ca.crt" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=$DB_IP" \
  -keyout "$T/tls/server.key" -out "$T/tls/server.csr" 2>/dev/null
printf 'subjectAltName=IP:%s\nextendedKeyUsage=serverAuth\n' "$DB_IP" >"$T/tls/ext.cnf"
openssl x509 -req -in "$T/tls/server.csr" -CA "$T/tls/ca.crt" -CAkey "$T/tls/ca.key" \
  -CAcreateserial -days 2 -extfile "$T/tls/ext.cnf" -out "$T/tls/server.crt" 2>/dev/null
chmod 644 "$T/tls/ca.crt"

# ---- the database host's server: TLS, SCRAM, no trust ----
mkdir -p "$T/pg" "$SOCK"
chown -R postgres:postgres "$T/pg"
chmod 700 "$SOCK"
install -o postgres -g postgres -m 600 "$T/tls/server.key" "$T/pg/server.key"
install -o postgres -g postgres -m 644 "$T/tls/server.crt" "$T/pg/server.crt"
runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth-local=peer \
  --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
cat >"$PGDATA/pg_hba.conf" <<EOF
# TYPE    DATABASE           USER            ADDRESS            METHOD
local     all                postgres                           peer
local     zhixing,zhixing_ref zhixing_owner                     scram-sha-256
local     zhixing,zhixing_ref zhixing_app                       scram-sha-256
hostssl   zhixing            zhixing_worker  10.231.$X.0/24     scram-sha-256
hostnossl all                all             0.0.0.0/0          reject
EOF
cat >>"$PGDATA/postgresql.conf" <<EOF
listen_addresses = '$DB_IP'
port = $PGPORT
unix_socket_directories = '$SOCK'
ssl = on
ssl_cert_file = '$T/pg/server.crt'
ssl_key_file = '$T/pg/server.key'
password_encryption = 'scram-sha-256'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
in_db runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -l "$T/pg/server.log" -w -t 30 start \
  >/dev/null
server_started=1
grep -q trust "$PGDATA/pg_hba.conf" && fail "pg_hba.conf admits trust"
psql_su() { in_db runuser -u postgres -- "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK" \
  -p "$PGPORT" -d "${DB:-postgres}" "$@"; }

# The administrator's set-up (README "Remote workers"): roles, passwords, databases.
OWNER_PW=$(openssl rand -hex 24)
APP_PW=$(openssl rand -hex 24)
psql_su <<EOF
create role zhixing_owner login nosuperuser nocreatedb nocreaterole password '$OWNER_PW';
create role zhixing_app login nosuperuser nocreatedb nocreaterole noinherit password '$APP_PW';
create role zhixing_worker login nosuperuser nocreatedb nocreaterole noinherit;
create database zhixing owner zhixing_owner;
create database zhixing_ref owner zhixing_owner;
EOF
local_url() { echo "host=$SOCK port=$PGPORT dbname=$1 user=$2 password=$3"; }
say "PostgreSQL on $DB_IP:$PGPORT (TLS) and $SOCK"

# ---- the data: one demo file for both nights ----
mkdir -p "$T/inbox" "$T/ref-inbox" "$T/night-out" "$T/ref-out" "$T/worker-out"
"$ZX" demo-data --cases "$CASES" --seed 18 --out "$T/demo.jsonl" >/dev/null
cp "$T/demo.jsonl" "$T/inbox/demo.jsonl"
cp "$T/demo.jsonl" "$T/ref-inbox/demo.jsonl"

# Every zhixing process: no seal token in this test, one render thread each, short staleness
# (the worker is killed: its claimed items come back after 6 s).
export ZHIXING_SEAL_ENABLED=false ZHIXING_JOBS_THREADS=1 ZHIXING_JOBS_STALE_AFTER_SECONDS=6
run_in_db() {  # database inbox out -- command...: a process of the database host
  local db=$1 inbox=$2 out=$3
  shift 4
  in_db env "ZHIXING_DATABASE_URL=$(local_url "$db" zhixing_app "$APP_PW")" \
    "ZHIXING_DATABASE_OWNER_URL=$(local_url "$db" zhixing_owner "$OWNER_PW")" \
    "ZHIXING_PATHS_INBOX=$inbox" "ZHIXING_PATHS_OUTPUT=$out" "$@"
}

# ---- the reference night: same data, no worker ----
run_in_db zhixing_ref "$T/ref-inbox" "$T/ref-out" -- "$ZX" db migrate >/dev/null
run_in_db zhixing_ref "$T/ref-inbox" "$T/ref-out" -- "$ZX" ledger demo-appropriation >/dev/null
set +e
run_in_db zhixing_ref "$T/ref-inbox" "$T/ref-out" -- "$ZX" nightly --date "$DATE" \
  >"$T/ref-night.txt" 2>"$T/ref-night.log"
ref_rc=$?
set -e
[[ $ref_rc == 0 || $ref_rc == 3 ]] || { cat "$T/ref-night.log"; fail "reference night exit $ref_rc"; }
DB=zhixing_ref psql_su -At -c "select path || ' ' || sha256 from documents order by path" \
  >"$T/ref-documents.txt"
say "reference night: exit $ref_rc, $(wc -l <"$T/ref-documents.txt") documents"

# ---- the worker's credential: `zhixing db worker-password`, run by the administrator ----
run_in_db zhixing "$T/inbox" "$T/night-out" -- "$ZX" db migrate >/dev/null
run_in_db zhixing "$T/inbox" "$T/night-out" -- "$ZX" ledger demo-appropriation >/dev/null
run_in_db zhixing "$T/inbox" "$T/night-out" -- "$ZX" db worker-password >"$T/worker-password.sql"
WORKER_PW=$(sed -n 's/^-- password=//p' "$T/worker-password.sql")
[[ ${#WORKER_PW} == 48 ]] || fail "no password from zhixing db worker-password"
grep -q "$WORKER_PW" <(grep -v '^--' "$T/worker-password.sql") && fail "the SQL holds the password"
psql_su -f - <"$T/worker-password.sql" >/dev/null
WORKER_URL="host=$DB_IP port=$PGPORT dbname=zhixing user=zhixing_worker password=$WORKER_PW \
sslmode=verify-full sslrootcert=$T/tls/ca.crt"

# ---- refused: without TLS, and with a wrong password ----
refused() {  # what, connection string
  local out
  if out=$(in_wk env PGCONNECT_TIMEOUT=5 "$PGBIN/psql" -X -At "$2" -c 'select 1' 2>&1); then
    fail "$1: connected"
  fi
  say "refused, $1: $(echo "$out" | tail -1)"
}
refused "no TLS" "host=$DB_IP port=$PGPORT dbname=zhixing user=zhixing_worker \
password=$WORKER_PW sslmode=disable"
refused "wrong password" "host=$DB_IP port=$PGPORT dbname=zhixing user=zhixing_worker \
password=wrong$WORKER_PW sslmode=verify-full sslrootcert=$T/tls/ca.crt"
refused "app role over TCP" "host=$DB_IP port=$PGPORT dbname=zhixing user=zhixing_app \
password=$APP_PW sslmode=verify-full sslrootcert=$T/tls/ca.crt"
tls=$(in_wk "$PGBIN/psql" -X -At "$WORKER_URL" -c \
  "select ssl from pg_stat_ssl where pid = pg_backend_pid()")
[[ $tls == t ]] || fail "the worker's connection is not TLS"

# ---- the night, and a worker joining it from the other host once rendering has begun ----
# (Background jobs are plain commands, not functions: $! is then the process itself, which
# `ip netns exec` and `env` replace by zhixing, so SIGKILL reaches zhixing.)
ip netns exec "$NS_DB" env "ZHIXING_DATABASE_URL=$(local_url zhixing zhixing_app "$APP_PW")" \
  "ZHIXING_DATABASE_OWNER_URL=$(local_url zhixing zhixing_owner "$OWNER_PW")" \
  "ZHIXING_PATHS_INBOX=$T/inbox" "ZHIXING_PATHS_OUTPUT=$T/night-out" \
  ZHIXING_JOBS_ITEM_DELAY_MS="$DELAY_MS" \
  "$ZX" nightly --date "$DATE" >"$T/night.txt" 2>"$T/night.log" &
night_pid=$!

# Items done by a process of the given role (work_items.claimed_by is its job_workers row).
done_by() {
  DB=zhixing psql_su -At -c "select count(*) from work_items w join job_workers k on
    k.id = w.claimed_by where k.role = '$1' and w.status = 'done'"
}
worker_done() { done_by worker; }
pending() {
  DB=zhixing psql_su -At -c "select count(*) from work_items where status in ('pending', 'claimed')
    and step_name = 'render-documents'"
}
for _ in $(seq 1 600); do
  [[ $(done_by launcher 2>/dev/null || echo 0) -ge 20 ]] && break
  kill -0 "$night_pid" 2>/dev/null || { cat "$T/night.log"; fail "the nightly ended early"; }
  sleep 0.1
done
say "nightly (pid $night_pid) in $NS_DB is rendering: $(done_by launcher) done, $(pending) open"

ip netns exec "$NS_WK" env ZHIXING_DATABASE_URL="$WORKER_URL" \
  ZHIXING_PATHS_OUTPUT="$T/worker-out" ZHIXING_JOBS_ITEM_DELAY_MS="$DELAY_MS" \
  "$ZX" worker --wait 60 >"$T/worker.txt" 2>"$T/worker.log" &
worker_pid=$!
say "worker (pid $worker_pid) started in $NS_WK"

for _ in $(seq 1 600); do
  n=$(worker_done)
  [[ $n -ge 20 ]] && break
  kill -0 "$worker_pid" 2>/dev/null || { cat "$T/worker.log"; fail "the worker ended early"; }
  sleep 0.1
done
[[ $n -ge 20 ]] || fail "the worker rendered nothing in 60 s"
left=$(pending)
kill -9 "$worker_pid"
wait "$worker_pid" 2>/dev/null || true
worker_pid=
say "killed the worker (SIGKILL) after $(worker_done) documents; $left items still open"
[[ $left -gt 0 ]] || fail "the worker was not killed mid-render (nothing left to do)"

set +e
wait "$night_pid"
night_rc=$?
set -e
night_pid=
[[ $night_rc == "$ref_rc" ]] || { tail -20 "$T/night.log"; fail "night exit $night_rc, reference $ref_rc"; }
say "nightly finished: exit $night_rc"

# ---- what the court gets ----
by_worker=$(worker_done)
total=$(DB=zhixing psql_su -At -c "select count(*) from documents")
deliveries=$(DB=zhixing psql_su -At -c "select count(*) from document_deliveries")
say "documents: $total ($by_worker by the worker, $((total - by_worker)) by the nightly)"
[[ $by_worker -gt 0 ]] || fail "the worker rendered no document"
[[ $deliveries == 0 ]] || fail "$deliveries delivery rows left"
worker_pdfs=$(find "$T/worker-out" -name '*.pdf*' | wc -l)
[[ $worker_pdfs == 0 ]] || fail "$worker_pdfs PDFs in the worker's output folder"
empty_dirs=$(DB=zhixing psql_su -At -c "select count(*) from documents where output_dir = ''")
[[ $empty_dirs == 0 ]] || fail "$empty_dirs documents without their folder"
night_docs=$(realpath "$T/night-out/documents")
elsewhere=$(DB=zhixing psql_su -At -c "select count(*) from documents where output_dir <> '$night_docs'")
[[ $elsewhere == 0 ]] || fail "$elsewhere documents recorded outside the nightly's folder"
DB=zhixing psql_su -At -c "select path || ' ' || sha256 from documents order by path" \
  >"$T/documents.txt"
# Every file of the nightly's folder, with its SHA-256: exactly the documents table's rows.
(cd "$night_docs" && find . -type f -printf '%P\0' | xargs -0 -r sha256sum) |
  awk '{print $2 " " $1}' | LC_ALL=C sort >"$T/files.txt"
LC_ALL=C sort "$T/documents.txt" | diff -q - "$T/files.txt" >/dev/null ||
  { LC_ALL=C sort "$T/documents.txt" | diff - "$T/files.txt" | head
    fail "the nightly's folder does not hold exactly the documents table's files and SHA-256"; }
diff -q "$T/ref-documents.txt" "$T/documents.txt" >/dev/null ||
  { diff "$T/ref-documents.txt" "$T/documents.txt" | head; fail "documents differ from the reference night"; }
say "PASS: $total documents equal the reference night's; worker $by_worker, nightly $((total - by_worker)); runtime $(elapsed) s"
