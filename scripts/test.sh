#!/usr/bin/env bash
# Builds hamilton-cpp and runs every test suite: the README's test command (and CI's).
#   1. Release build, all tests (including the install + find_package test and the CLI tests);
#      then the Python package (scripts/python-test.sh: venv, wheel, pytest, fresh-venv smoke);
#   2. The same with Clang (the newest clang++-NN >= 15 on PATH) and libstdc++, in build-clang;
#   3. AddressSanitizer + UndefinedBehaviorSanitizer build, all tests but the install test;
#   4. ThreadSanitizer build of the parallel engine's tests (executor, lifecycle, driver);
#   5. The libFuzzer targets of tests/fuzz (Clang, ASan + UBSan), in build-fuzz, each run for
#      HAMILTON_FUZZ_SECONDS (default 60) from its seed corpus; a crash fails the run.
# Steps 1, 3 and 4 use the default compiler (GCC). HAMILTON_TEST_QUICK=1 runs step 1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/python-env.sh   # the venv: the pandas oracle (ctest) and the Python package need it
jobs=$(nproc)

echo "== release build and tests"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

if [ "${HAMILTON_TEST_QUICK:-0}" = 1 ]; then exit 0; fi

echo "== Python package: venv, wheel, pytest, the wheel in a fresh venv"
bash scripts/python-test.sh

clangxx=""
for c in $(compgen -c clang++- | grep -E '^clang\+\+-[0-9]+$' | sort -t- -k2,2n -u); do
  if [ "${c#clang++-}" -ge 15 ]; then clangxx=$c; fi
done
if [ -z "$clangxx" ]; then
  echo "test: no clang++-NN with NN >= 15 on PATH (scripts/setup.sh installs one)" >&2
  exit 1
fi
echo "== release build and tests with $clangxx"
cmake -S . -B build-clang -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER="$clangxx" \
  -DHAMILTON_BUILD_BENCHMARKS=OFF
cmake --build build-clang -j"$jobs"
ctest --test-dir build-clang --output-on-failure -j"$jobs" -E '^install\.add_subdirectory$'  # once is enough (step 1)

echo "== address + undefined behaviour sanitizers"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHAMILTON_SANITIZE=address,undefined \
  -DHAMILTON_BUILD_BENCHMARKS=OFF
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp" \
  ctest --test-dir build-asan --output-on-failure -j"$jobs" -E '^install\.'

echo "== thread sanitizer: the parallel executor and everything that runs on it"
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHAMILTON_SANITIZE=thread \
  -DHAMILTON_BUILD_BENCHMARKS=OFF -DHAMILTON_BUILD_EXAMPLES=OFF -DHAMILTON_BUILD_TOOLS=OFF
cmake --build build-tsan -j"$jobs" --target test_executor test_lifecycle test_driver
TSAN_OPTIONS="halt_on_error=1 suppressions=$PWD/scripts/tsan.supp" \
  ctest --test-dir build-tsan --output-on-failure -j"$jobs" -R '^(ParallelExecutor|Parallelizable|Hooks|ShippedHooks|Execute)\.'

fuzz_seconds=${HAMILTON_FUZZ_SECONDS:-60}
echo "== fuzzing with $clangxx: each target of tests/fuzz for $fuzz_seconds s"
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$clangxx" \
  -DHAMILTON_BUILD_FUZZERS=ON -DHAMILTON_BUILD_BENCHMARKS=OFF -DHAMILTON_BUILD_EXAMPLES=OFF
cmake --build build-fuzz -j"$jobs" --target fuzzers
for target in csv parameters cli_inputs module_library; do
  run=build-fuzz/fuzz-runs/$target
  rm -rf "$run"
  mkdir -p "$run/corpus"
  # the run grows a copy of the seeds (and of the saved reproducers); the repository's stay small
  cp tests/fuzz/corpus/$target/* "$run/corpus/"
  if [ -d tests/fuzz/regressions/$target ]; then cp tests/fuzz/regressions/$target/* "$run/corpus/"; fi
  echo "-- fuzz_$target"
  if ! ASAN_OPTIONS=abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "build-fuzz/tests/fuzz/fuzz_$target" -max_total_time="$fuzz_seconds" -timeout=30 \
      -print_final_stats=1 -artifact_prefix="$run/" "$run/corpus" >"$run/log" 2>&1; then
    tail -n 60 "$run/log"
    echo "test: fuzz_$target failed; the input is in $run/ (crash-*, timeout-*, oom-* or leak-*);" \
      "save it as tests/fuzz/regressions/$target/<what-it-is> (docs/testing.md)" >&2
    exit 1
  fi
  grep -E '^stat::number_of_executed_units|^Done' "$run/log" || true
done
