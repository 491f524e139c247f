#!/usr/bin/env bash
# Builds hamilton-cpp and runs every test suite: the README's test command (and CI's).
#   1. Release build (GCC), all tests (including the install + find_package test, the CLI tests,
#      the instruction-count check and the pandas / Python Hamilton oracles);
#      then the Python package (scripts/python-test.sh: venv, wheel, pytest, fresh-venv smoke);
#   2. Clang (the newest clang++-NN >= 15 on PATH, libstdc++) with AddressSanitizer +
#      UndefinedBehaviorSanitizer, in build-clang: all tests but the install tests, then the
#      libFuzzer targets of tests/fuzz from the same build, each for HAMILTON_FUZZ_SECONDS
#      (default 60) from its seed corpus; a crash fails the run. One build serves the Clang
#      compile, the sanitizers and the fuzzers (HAMILTON_BUILD_FUZZERS instruments every
#      library for coverage, which the tests do not notice);
#   3. ThreadSanitizer build (GCC) of the parallel engine's tests (executor, lifecycle, driver,
#      the result cache).
# The sanitizer builds use -O1 -g1: line tables are all a report needs, and they compile in
# about half the time of -O2 -g. ccache is used when it is on PATH. HAMILTON_TEST_QUICK=1 runs
# step 1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/python-env.sh   # the venv: the pandas oracle (ctest) and the Python package need it
jobs=$(nproc)
launcher=()
if command -v ccache >/dev/null 2>&1; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
sanitized_flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG")

echo "== release build and tests"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}"
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
echo "== $clangxx with address + undefined behaviour sanitizers: all tests, then the fuzzers"
cmake -S . -B build-clang -G Ninja "${sanitized_flags[@]}" -DCMAKE_CXX_COMPILER="$clangxx" \
  -DHAMILTON_BUILD_FUZZERS=ON -DHAMILTON_BUILD_BENCHMARKS=OFF "${launcher[@]}"
cmake --build build-clang -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp" \
  ctest --test-dir build-clang --output-on-failure -j"$jobs" -E '^install\.'

fuzz_seconds=${HAMILTON_FUZZ_SECONDS:-60}
echo "== fuzzing: each target of tests/fuzz for $fuzz_seconds s"
for target in csv parameters cli_inputs module_library; do
  run=build-clang/fuzz-runs/$target
  rm -rf "$run"
  mkdir -p "$run/corpus"
  # the run grows a copy of the seeds (and of the saved reproducers); the repository's stay small
  cp tests/fuzz/corpus/$target/* "$run/corpus/"
  if [ -d tests/fuzz/regressions/$target ]; then cp tests/fuzz/regressions/$target/* "$run/corpus/"; fi
  echo "-- fuzz_$target"
  if ! ASAN_OPTIONS=abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "build-clang/tests/fuzz/fuzz_$target" -max_total_time="$fuzz_seconds" -timeout=30 \
      -print_final_stats=1 -artifact_prefix="$run/" "$run/corpus" >"$run/log" 2>&1; then
    tail -n 60 "$run/log"
    echo "test: fuzz_$target failed; the input is in $run/ (crash-*, timeout-*, oom-* or leak-*);" \
      "save it as tests/fuzz/regressions/$target/<what-it-is> (docs/testing.md)" >&2
    exit 1
  fi
  grep -E '^stat::number_of_executed_units|^Done' "$run/log" || true
done

echo "== thread sanitizer: the parallel executor and everything that runs on it"
cmake -S . -B build-tsan -G Ninja "${sanitized_flags[@]}" -DHAMILTON_SANITIZE=thread \
  -DHAMILTON_BUILD_BENCHMARKS=OFF -DHAMILTON_BUILD_EXAMPLES=OFF -DHAMILTON_BUILD_TOOLS=OFF "${launcher[@]}"
cmake --build build-tsan -j"$jobs" --target test_executor test_lifecycle test_driver test_caching
TSAN_OPTIONS="halt_on_error=1 suppressions=$PWD/scripts/tsan.supp" \
  ctest --test-dir build-tsan --output-on-failure -j"$jobs" -R '^(ParallelExecutor|Parallelizable|Hooks|ShippedHooks|Execute|Graceful|Deadline|Cancellation|Cache)\.'
