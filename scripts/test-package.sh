#!/usr/bin/env bash
# The Debian package, installed the way a court installs it, in a fresh Debian 12 root made here
# (debootstrap + chroot, as root; README "Installing the package"):
#   1. builds zhixing_<v>_amd64.deb (the `package` target) and, from the same tree, the same
#      package with a lower version, <v>~1, installed first (both from one tree: the upgrade's
#      migration step runs and must leave every migration file applied, but has none to add);
#   2. installs it with apt into the root: the postinst makes the zhixing account, the system
#      cluster 15/zhixing, the schema and the seal token;
#   3. checks the systemd units with `systemd-analyze verify` (systemd is not PID 1 in a chroot)
#      and runs their command lines as the zhixing account: the demo data, the night, the
#      timer's `zhixing schedule --once`, the web console's `zhixing serve`; checks the documents
#      (text and fonts) and `zhixing ledger verify`;
#   4. edits a conffile, installs the current package over it (upgrade): schema migrated,
#      documents and the edited conffile kept, the ledger still verifies;
#   5. runs zhixing-backup.service's command, drops the cluster and the documents, makes an empty
#      cluster and restores the backup into it (`zhixing restore` verifies ledger and documents);
#   6. purges it: /etc/zhixing gone, the cluster and /var/lib/zhixing kept.
# Not part of scripts/test.sh (it downloads ~150 MB of packages and takes minutes; CI's time is
# near its limit): run it by hand, as root.
# Usage: scripts/test-package.sh [--keep]   (--keep leaves the root in $ZHIXING_PKGTEST_DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
keep=0
[ "${1:-}" = --keep ] && keep=1
[ "$(id -u)" = 0 ] || { echo "test-package.sh: run as root (debootstrap, chroot)" >&2; exit 2; }
work=${ZHIXING_PKGTEST_DIR:-/var/tmp/zxpkg}
mirror=${ZHIXING_DEBIAN_MIRROR:-http://deb.debian.org/debian}
root=$work/root
failures=0
step() { printf '\n== %s\n' "$*"; }
ok() { printf '  ok   %s\n' "$*"; }
fail() { printf '  FAIL %s\n' "$*"; failures=$((failures + 1)); }
check() {  # check "what" command...
  local what=$1; shift
  if "$@"; then ok "$what"; else fail "$what"; fi
}
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
  HOME=/root DEBIAN_FRONTEND=noninteractive "$@"; }
as_zhixing() { in_root runuser -u zhixing -- "$@"; }
psql_root() { in_root runuser -u postgres -- psql -X -q -p "$port" -d zhixing -Atc "$1"; }

unmount_root() {
  for m in dev/pts dev proc sys; do
    mountpoint -q "$root/$m" 2>/dev/null && umount -l "$root/$m" || true
  done
}
cleanup() {
  if [ -d "$root" ]; then
    in_root sh -c 'for c in $(pg_lsclusters -h 2>/dev/null | awk "{print \$1\"/\"\$2}"); do
      pg_ctlcluster ${c%/*} ${c#*/} stop -m fast >/dev/null 2>&1 || true; done' 2>/dev/null || true
    pkill -f "$root/usr/bin/zhixing" 2>/dev/null || true
    unmount_root
    [ $keep = 1 ] || rm -rf "$root"
  fi
}
trap cleanup EXIT

step "1/6 the packages"
version=$(sed -n 's/^project(zhixing VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target zhixing package_config >/dev/null
mkdir -p "$work/debs"
newest=$(ls batch/store/sql/*.sql | sed 's|.*/0*\([0-9]*\)_.*|\1|' | sort -n | tail -1)
(cd build && cpack -G DEB -D CPACK_PACKAGE_VERSION="${version}~1" -B "$work/debs" >/dev/null)
(cd build && cpack -G DEB -B "$work/debs" >/dev/null)
old_deb=$work/debs/zhixing_${version}~1_amd64.deb
new_deb=$work/debs/zhixing_${version}_amd64.deb
cp "$new_deb" build/
for deb in "$old_deb" "$new_deb"; do
  printf '  %s: %s bytes\n' "$(basename "$deb")" "$(stat -c %s "$deb")"
done
dpkg-deb -f "$new_deb" Depends | tr ',' '\n' | sed 's/^ */    depends: /'
printf '  files: %s; conffiles: %s\n' "$(dpkg-deb -c "$new_deb" | wc -l)" \
  "$(dpkg-deb -e "$new_deb" "$work/ctl" && wc -l < "$work/ctl/conffiles"; rm -rf "$work/ctl")"

step "2/6 a fresh Debian 12 root, and the older package installed with apt"
if [ ! -f "$work/base-root/etc/debian_version" ]; then
  rm -rf "$work/base-root"
  debootstrap --variant=minbase bookworm "$work/base-root" "$mirror" > "$work/debootstrap.log"
fi
cleanup
rm -rf "$root"
cp -a "$work/base-root" "$root"
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# no daemons started by packages' maintainer scripts (postgresql's "main" cluster stays down)
printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
chmod +x "$root/usr/sbin/policy-rc.d"
cp "$old_deb" "$new_deb" "$root/tmp/"
in_root apt-get update -q >/dev/null
t0=$(date +%s)
in_root apt-get install -y -q --no-install-recommends "/tmp/$(basename "$old_deb")" > "$work/install.log" 2>&1 ||
  { tail -30 "$work/install.log"; fail "apt-get install"; exit 1; }
echo "  installed in $(( $(date +%s) - t0 )) s (log: $work/install.log); the postinst said:"
grep '^zhixing:\|令牌\|印章\|表结构' "$work/install.log" | sed 's/^/    /'
in_root apt-get install -y -q --no-install-recommends systemd curl poppler-utils >/dev/null 2>&1
check "zhixing account is a system account" in_root sh -c 'id -u zhixing | awk "{exit !(\$1 < 1000)}"'
check "pg_lsclusters lists 15/zhixing online" in_root sh -c 'pg_lsclusters -h | grep -q "^15 *zhixing .*online"'
port=$(in_root pg_lsclusters -h | awk '$2 == "zhixing" {print $3}')
echo "  cluster 15/zhixing on port $port:"; in_root pg_lsclusters | sed 's/^/    /'
check "peer authentication only (no password, no trust)" \
  in_root sh -c '! grep -Eq "^[^#]*(trust|password|md5)" /etc/postgresql/15/zhixing/pg_hba.conf'
check "schema at migration $newest" \
  test "$(psql_root 'select max(version) from schema_migrations')" = "$newest"
check "/var/lib/zhixing belongs to zhixing" test "$(in_root stat -c %U /var/lib/zhixing)" = zhixing
check "/etc/zhixing holds the conffiles" in_root test -f /etc/zhixing/zhixing.properties -a -f /etc/zhixing/templates/notice.mustache

step "3/6 the units and their command lines, as the zhixing account"
for unit in zhixing.service zhixing.timer zhixing-schedule.service zhixing-web.service \
            zhixing-backup.service zhixing-backup.timer; do
  [ -f "$root/lib/systemd/system/$unit" ] || continue
  if out=$(in_root systemd-analyze verify "/lib/systemd/system/$unit" 2>&1) && [ -z "$out" ]; then
    ok "systemd-analyze verify $unit"
  else fail "systemd-analyze verify $unit: $out"; fi
done
exec_start() { sed -n 's/^ExecStart=//p' "$root/lib/systemd/system/$1"; }
as_zhixing zhixing demo-data --out /var/lib/zhixing/inbox/demo-2024.jsonl >/dev/null
as_zhixing zhixing ledger demo-appropriation >/dev/null
t0=$(date +%s.%N)
as_zhixing zhixing nightly --date 2024-12-31 > "$work/night.log" 2>&1 || fail "the demo night"
printf '  the demo night (business date 2024-12-31): %.1f s\n' "$(echo "$(date +%s.%N) - $t0" | bc)"
tail -4 "$work/night.log" | sed 's/^/    /'
# the timer's unit: catches up the latest due business date
if as_zhixing $(exec_start zhixing.service) > "$work/schedule.log" 2>&1; then ok "zhixing.service: $(exec_start zhixing.service)"
else fail "zhixing.service: $(tail -3 "$work/schedule.log")"; fi
docs=$(find "$root/var/lib/zhixing/out/documents" -name '*.pdf' | wc -l)
check "documents written ($docs PDFs under /var/lib/zhixing/out/documents)" test "$docs" -gt 0
sample=$(find "$root/var/lib/zhixing/out/documents" -name '*.pdf' | sort | sed -n 1p)
check "a document reads as a court document ($(basename "$sample"))" \
  sh -c "pdftotext '$sample' - | grep -q '人民法院'"
check "its fonts are embedded" sh -c "pdffonts '$sample' | awk 'NR>2 && \$(NF-4) != \"yes\" {bad=1} END {exit bad}'"
check "documents belong to zhixing" test -z "$(find "$root/var/lib/zhixing/out" ! -user "$(in_root id -u zhixing)" -print -quit)"
check "zhixing ledger verify" as_zhixing zhixing ledger verify
# the web console's unit, on a free port
as_zhixing env ZHIXING_WEB_PORT=18089 $(exec_start zhixing-web.service) > "$work/web.log" 2>&1 &
web_pid=$!
for _ in $(seq 50); do curl -fs -o /dev/null http://127.0.0.1:18089/login && break; sleep 0.2; done
check "zhixing-web.service: $(exec_start zhixing-web.service) serves the login page" \
  sh -c 'curl -fs http://127.0.0.1:18089/login | grep -q "登录"'
kill "$web_pid" 2>/dev/null; wait "$web_pid" 2>/dev/null || true
docs_before=$(find "$root/var/lib/zhixing/out/documents" -name '*.pdf' -exec sha256sum {} + | sort | sha256sum)

step "4/6 upgrade to $version with an edited conffile"
sed -i 's/^web.port = .*/web.port = 8181/' "$root/etc/zhixing/zhixing.properties"
t0=$(date +%s)
in_root apt-get install -y -q -o Dpkg::Options::=--force-confold "/tmp/$(basename "$new_deb")" > "$work/upgrade.log" 2>&1 ||
  { tail -30 "$work/upgrade.log"; fail "apt-get install (upgrade)"; }
echo "  upgraded in $(( $(date +%s) - t0 )) s (log: $work/upgrade.log)"
check "package version $version" test "$(in_root dpkg-query -W -f '${Version}' zhixing)" = "$version"
check "the postinst migrated the schema (zhixing db migrate ran)" grep -q '表结构已是最新' "$work/upgrade.log"
check "every migration file of the package is applied, unchanged" test "$(in_root sh -c 'cd /usr/share/zhixing/sql && for f in *.sql; do echo "$(echo "${f%%_*}" | sed "s/^0*//") $(sha256sum < "$f" | cut -c1-64)"; done' | sort)" = "$(psql_root 'select version, sha256 from schema_migrations' | tr '|' ' ' | sort)"
check "edited conffile kept (web.port = 8181)" grep -q '^web.port = 8181' "$root/etc/zhixing/zhixing.properties"
check "documents kept unchanged" test "$(find "$root/var/lib/zhixing/out/documents" -name '*.pdf' -exec sha256sum {} + | sort | sha256sum)" = "$docs_before"
check "zhixing ledger verify after the upgrade" as_zhixing zhixing ledger verify
check "the night's record survives the upgrade (the same date again: nothing to do)" \
  sh -c "chroot '$root' runuser -u zhixing -- zhixing nightly --date 2024-12-31 2>&1 | grep -q '已完成'"
docs_after=$(find "$root/var/lib/zhixing/out/documents" -name '*.pdf' -exec sha256sum {} + | sort | sha256sum)

step "5/6 backup (zhixing-backup.service) and restore into an empty cluster"
t0=$(date +%s.%N)
if in_root $(exec_start zhixing-backup.service) > "$work/backup.log" 2>&1; then ok "zhixing-backup.service: $(exec_start zhixing-backup.service)"
else fail "zhixing-backup.service: $(tail -3 "$work/backup.log")"; fi
printf '  backup: %.1f s, %s\n' "$(echo "$(date +%s.%N) - $t0" | bc)" "$(du -sh "$root/var/lib/zhixing/backups" | cut -f1)"
sed 's/^/    /' "$work/backup.log" | tail -6
backup=$(ls -d "$root"/var/lib/zhixing/backups/*/ | sed -n 1p); backup=${backup#"$root"}
# the disaster: the cluster and the issued documents gone; a new empty cluster with the same
# authentication (what the postinst writes)
cp "$root/etc/postgresql/15/zhixing/pg_hba.conf" "$root/etc/postgresql/15/zhixing/pg_ident.conf" "$work/"
in_root pg_dropcluster 15 zhixing --stop
rm -rf "$root/var/lib/zhixing/out"
in_root pg_createcluster 15 zhixing -p "$port" --start-conf=auto -- --auth-local=peer \
  --auth-host=scram-sha-256 >/dev/null
cp "$work/pg_hba.conf" "$work/pg_ident.conf" "$root/etc/postgresql/15/zhixing/"
in_root pg_ctlcluster 15 zhixing start
t0=$(date +%s.%N)
if in_root zhixing restore "$backup" > "$work/restore.log" 2>&1; then ok "zhixing restore $backup"
else fail "zhixing restore: $(tail -5 "$work/restore.log")"; fi
printf '  restore: %.1f s\n' "$(echo "$(date +%s.%N) - $t0" | bc)"
sed 's/^/    /' "$work/restore.log" | tail -6
check "restored documents are the issued ones" test "$(find "$root/var/lib/zhixing/out/documents" -name '*.pdf' -exec sha256sum {} + | sort | sha256sum)" = "$docs_after"
check "zhixing ledger verify after the restore" as_zhixing zhixing ledger verify

step "6/6 purge"
in_root apt-get purge -y -q zhixing > "$work/purge.log" 2>&1 || fail "apt-get purge"
grep '^zhixing:' "$work/purge.log" | sed 's/^/    /'
check "/etc/zhixing removed" test ! -e "$root/etc/zhixing"
check "/usr/bin/zhixing removed" test ! -e "$root/usr/bin/zhixing"
check "the cluster 15/zhixing kept" in_root sh -c 'pg_lsclusters -h | grep -q "^15 *zhixing "'
check "the documents kept" test "$(find "$root/var/lib/zhixing/out/documents" -name '*.pdf' | wc -l)" = "$docs"

echo
if [ $failures = 0 ]; then echo "test-package.sh: all checks passed"; else echo "test-package.sh: $failures check(s) failed"; fi
[ $failures = 0 ]
