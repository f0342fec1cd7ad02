#!/usr/bin/env bash
# The sanitizer half of scripts/test.sh (CI): the unit and integration tests once more, built in
# build-asan with AddressSanitizer (LeakSanitizer on) and UBSan, every report fatal; then each
# libFuzzer target (fuzz/) for ZHIXING_FUZZ_SECONDS (default 30) in build-fuzz under the same
# sanitizers. Needs the private PostgreSQL that scripts/setup.sh --setup-only starts (for the
# integration tests). Exit 0 when every test passed, 1 otherwise; each half ends with ctest's
# summary, and the times of the four phases are printed at the end. With --build only the two
# builds run, with --test only the tests (in the builds made before).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
seconds=${ZHIXING_FUZZ_SECONDS:-30}
status=0
times=()
phase() {  # phase NAME COMMAND…: runs the command and records its wall time; 1 when it failed
  local name=$1 start=$SECONDS rc=0
  shift
  printf '\n== %s\n' "$name"
  "$@" || rc=1
  times+=("$name: $((SECONDS - start)) s")
  if [ $rc != 0 ]; then status=1; echo "失败：$name"; fi
  return $rc
}

# Reports go to stderr with a stack; leaks are checked at exit (LeakSanitizer).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

build_asan() {
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O0 -g1 -DNDEBUG" -DZHIXING_SANITIZE=ON >/dev/null
  cmake --build build-asan -j"$jobs" --target unit_tests integration_tests test_seal_token
}
test_asan() {
  (cd build-asan && ctest --output-on-failure --timeout 1200 -j"$jobs" -R '^(unit|integration)\.')
}
build_fuzz() {
  cmake -S fuzz -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DZHIXING_FUZZ_SECONDS="$seconds" >/dev/null
  cmake --build build-fuzz -j"$jobs"
}
test_fuzz() {
  local rc=0
  (cd build-fuzz && ctest --output-on-failure -j"$jobs") || rc=1
  # Each target's executions and coverage (libFuzzer's cov: edges, ft: features) of this run.
  awk '/^[0-9]+\/[0-9]+ Test: /{t=$3} /DONE/{print t ": " $0}' build-fuzz/Testing/Temporary/LastTest.log
  return $rc
}

# --build: only the two builds (scripts/test.sh runs them beside the main tests, at the lowest
# priority); --test: only the tests, in builds made before; neither: both.
mode=${1:-all}
case $mode in
  --build)
    phase "ASan+UBSan 编译 (build-asan)" build_asan || true
    phase "模糊测试编译 (build-fuzz)" build_fuzz || true
    ;;
  --test)
    phase "ASan+UBSan 单元与集成测试" test_asan || true
    phase "模糊测试 (每个目标 ${seconds} 秒)" test_fuzz || true
    ;;
  *)
    if phase "ASan+UBSan 编译 (build-asan)" build_asan; then
      phase "ASan+UBSan 单元与集成测试" test_asan || true
    fi
    if phase "模糊测试编译 (build-fuzz)" build_fuzz; then
      phase "模糊测试 (每个目标 ${seconds} 秒)" test_fuzz || true
    fi
    ;;
esac
printf '\n== 用时\n'
printf '%s\n' "${times[@]}"
exit $status
