#!/usr/bin/env bash
# The main job, safe to run again: installs the Debian packages that building and running need
# (scripts/packages-runtime.txt, scripts/packages-build.txt),
# builds the document fonts and the Release binary, starts the private PostgreSQL, creates or
# migrates the schema, makes the court's electronic seal (a SoftHSM2 token under seal.dir, keys
# and certificates by `zhixing seal init`), generates the demo data set into the inbox and runs
# the nightly batch for business date 2024-12-31. With --setup-only it stops after the seal is
# ready (scripts/test.sh uses that).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
setup_only=0
[ "${1:-}" = "--setup-only" ] && setup_only=1

say() { printf '\n== %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

say "1/7 Debian 软件包 (scripts/packages-runtime.txt, scripts/packages-build.txt)"
# What building and running zhixing needs; the tests' tools (GoogleTest, Chromium, Node.js …)
# are installed by scripts/test.sh.
scripts/install-packages.sh scripts/packages-runtime.txt scripts/packages-build.txt

say "2/7 文书字体 (fonts/)，与编译同时进行"
# The fonts are needed only when documents are rendered: they build beside the compiler (from
# nothing the body face's one-time simplification takes about 4 minutes, mostly on one core).
fonts_log=$(mktemp)
scripts/build-fonts.sh > "$fonts_log" 2>&1 &
fonts_pid=$!
trap 'kill "$fonts_pid" 2>/dev/null || true' EXIT

say "3/7 编译 (Release → build/zhixing)"
cmake_flags=(-DCMAKE_BUILD_TYPE=Release)
[ "${CI:-}" = "true" ] && cmake_flags+=(-DZHIXING_WERROR=ON)
cmake -S . -B build "${cmake_flags[@]}" >/dev/null
cmake --build build -j"$(nproc)"
fonts_rc=0
wait "$fonts_pid" || fonts_rc=$?
trap - EXIT
say "2/7 文书字体：构建记录"
cat "$fonts_log"
rm -f "$fonts_log"
[ "$fonts_rc" = 0 ] || { echo "文书字体构建失败（scripts/build-fonts.sh，退出码 $fonts_rc）" >&2; exit 1; }

say "4/7 私有 PostgreSQL 与表结构"
build/zhixing db start

say "5/7 电子印章 (SoftHSM2 令牌，seal.dir；README「电子印章 / Electronic seal」)"
# A setting as zhixing reads it: $ZHIXING_<KEY>, else the configuration file, else the default;
# a relative path resolves against the project root (config/settings.h).
config_file=${ZHIXING_CONFIG:-config/zhixing.properties}
setting() {
  local env_name value
  env_name="ZHIXING_$(printf '%s' "$1" | tr 'a-z.' 'A-Z_')"
  if [ -n "${!env_name:-}" ]; then printf '%s' "${!env_name}"; return; fi
  value=$(sed -n "s/^[[:space:]]*${1//./\\.}[[:space:]]*=[[:space:]]*//p" "$config_file" | tail -1)
  printf '%s' "${value:-$2}"
}
absolute() { case "$1" in /*) printf '%s' "$1" ;; *) printf '%s' "$root/$1" ;; esac; }
seal_dir=$(absolute "$(setting seal.dir var/seal)")
pin_file=$(absolute "$(setting seal.pin_file "$seal_dir/pin")")
seal_module=$(setting seal.pkcs11_module /usr/lib/softhsm/libsofthsm2.so)
token_label=$(setting seal.token_label zhixing)
# Only SoftHSM2's token is made here; a court's own device (seal.pkcs11_module) comes with its
# vendor's tools and PIN. As root the folder is the same: only zhixing (root) opens the token.
if [ "$(basename "$seal_module")" = libsofthsm2.so ]; then
  scripts/package/make-seal-token.sh "$seal_dir" "$pin_file" "$token_label"
  export SOFTHSM2_CONF=${SOFTHSM2_CONF:-$seal_dir/softhsm2.conf}
fi
build/zhixing seal init

[ "$setup_only" = 1 ] && exit 0

say "6/7 演示数据 (易县人民法院 2024 年执行案件)"
mkdir -p var/inbox
if [ ! -s var/inbox/demo-2024.jsonl ]; then
  build/zhixing demo-data --out var/inbox/demo-2024.jsonl.part
  mv var/inbox/demo-2024.jsonl.part var/inbox/demo-2024.jsonl
else
  echo "已存在 var/inbox/demo-2024.jsonl"
fi
for u in "陈静:clerk" "王会计:finance" "李审计:auditor" "管理员:admin"; do
  build/zhixing users add "${u%%:*}" --role "${u##*:}" >/dev/null
done

say "7/7 夜间批处理 (业务日期 2024-12-31) 与救助金支付"
# The court's 2024 appropriation (拨入) funds the demo grants; posting it again is a no-op.
build/zhixing ledger demo-appropriation
build/zhixing nightly --date 2024-12-31
# The bank's confirmation of the vouchers (the demo stands in for the bank), then the payments.
mkdir -p out/bank
build/zhixing ledger bank-file --year 2024 --paid-on 2024-12-31 --out out/bank/confirmation-2024.csv
build/zhixing ledger confirm out/bank/confirmation-2024.csv
build/zhixing ledger report --year 2024 --format pdf --out out/ledger-2024.pdf
build/zhixing ledger report --year 2024 > out/ledger-2024.csv
# The leadership reports of the demo year: the annual figures and the 终本 register.
mkdir -p out/reports
build/zhixing report annual --year 2024 --out out/reports/annual-2024.txt >/dev/null
build/zhixing report annual --year 2024 --format pdf --out out/reports/annual-2024.pdf >/dev/null
build/zhixing report zhongben --as-of 2024-12-31 --format csv --out out/reports/zhongben-2024-12-31.csv >/dev/null
build/zhixing report zhongben --as-of 2024-12-31 --format pdf --out out/reports/zhongben-2024-12-31.pdf >/dev/null
echo
echo "输出：out/documents/（文书）、out/runs/（运行摘要）、out/ledger-2024.pdf 与 out/ledger-2024.csv（救助金台账）、out/reports/（年度统计与终本台账）"
