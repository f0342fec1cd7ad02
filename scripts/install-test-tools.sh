#!/usr/bin/env bash
# What only the tests need, safe to run again: the packages of scripts/packages-test.txt
# (GoogleTest, poppler, qpdf, OpenSC, Chromium, clang …), Node.js and npm from Debian where none
# is present, and playwright-core at the version pinned in tests/browser/package-lock.json without
# a browser download (the browser tests drive Debian's chromium). Called by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

printf '\n== %s\n' "测试工具 (scripts/packages-test.txt, Node.js, playwright-core)"
scripts/install-packages.sh scripts/packages-test.txt
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "安装 Node.js 与 npm（Debian）"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q \
    --no-install-recommends nodejs npm
fi
pinned=$(sed -n 's/.*"playwright-core": *"\([^"]*\)".*/\1/p' tests/browser/package.json | head -1)
installed=$(node -p "try { require('./tests/browser/node_modules/playwright-core/package.json').version } catch (e) { '' }")
if [ "$installed" != "$pinned" ]; then
  echo "安装 playwright-core $pinned（tests/browser，不下载浏览器）"
  (cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
else
  echo "playwright-core $installed 已安装（tests/browser）"
fi
