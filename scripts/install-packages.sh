#!/usr/bin/env bash
# Installs the Debian packages of the given lists (one name per line, # comments) that are not
# installed yet; says so when all are. Used by scripts/setup.sh and scripts/install-test-tools.sh.
#   scripts/install-packages.sh scripts/packages-runtime.txt scripts/packages-build.txt
set -euo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
packages=()
for list in "$@"; do
  mapfile -t -O "${#packages[@]}" packages < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$list" | grep -v '^$')
done
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "安装：${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q \
    --no-install-recommends "${missing[@]}"
else
  echo "全部已安装（${#packages[@]} 个：$*）"
fi
