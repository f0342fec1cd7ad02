#!/usr/bin/env bash
# Every test: the tests' tools (scripts/install-test-tools.sh), then the same set-up as
# scripts/setup.sh (packages, fonts, build with the tests, private PostgreSQL),
# then ctest over unit, integration (real PostgreSQL) and end-to-end (the zhixing binary) tests;
# then scripts/test-sanitizers.sh: the unit and integration tests once more under ASan+UBSan
# (build-asan) and each fuzz target for 30 s (build-fuzz). Each part ends with ctest's summary;
# the exit status is 1 when any test of any part failed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-tools.sh
scripts/setup.sh --setup-only
status=0
(cd build && ctest --output-on-failure --timeout 1200 -j"$(nproc)") || status=1
scripts/test-sanitizers.sh || status=1
exit $status
