#!/usr/bin/env bash
# Every test: the same set-up as scripts/setup.sh (packages, fonts, build, private PostgreSQL),
# then ctest over unit, integration (real PostgreSQL) and end-to-end (the zhixing binary) tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --setup-only
cd build
ctest --output-on-failure --timeout 1200 -j"$(nproc)"
