#!/usr/bin/env bash
# Every test: the tests' tools (scripts/install-test-tools.sh), then the same set-up as
# scripts/setup.sh (packages, fonts, build with the tests, private PostgreSQL),
# then ctest over unit, integration (real PostgreSQL) and end-to-end (the zhixing binary) tests;
# then scripts/test-sanitizers.sh: the unit and integration tests once more under ASan+UBSan
# (build-asan) and each fuzz target for 30 s (build-fuzz); those two builds are made while
# ctest runs, at the lowest priority. Each part ends with ctest's summary;
# the exit status is 1 when any test of any part failed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-tools.sh
scripts/setup.sh --setup-only
status=0
# The sanitizer builds compile beside the main tests at the lowest priority (nice 19): they take
# only the CPU the tests leave idle (tests wait on PostgreSQL, child processes and timers), so
# the tests' timing is not disturbed and CI saves most of a build.
sanitizer_log=build/sanitizer-builds.log
nice -n 19 scripts/test-sanitizers.sh --build > "$sanitizer_log" 2>&1 &
sanitizer_pid=$!
trap 'kill "$sanitizer_pid" 2>/dev/null || true' EXIT
(cd build && ctest --output-on-failure --timeout 1200 -j"$(nproc)") || status=1
sanitizer_build=0
wait "$sanitizer_pid" || sanitizer_build=$?
trap - EXIT
cat "$sanitizer_log"
if [ "$sanitizer_build" != 0 ]; then
  echo "失败：ASan+UBSan 或模糊测试的编译（见上）" >&2
  status=1
else
  scripts/test-sanitizers.sh --test || status=1
fi
exit $status
