#pragma once
// HAMILTON_FUZZ_TARGET(name) { ... data, size ... } defines a fuzz target's entry point.
//
// In a fuzzer build (HAMILTON_BUILD_FUZZERS, one executable per target) it is libFuzzer's
// LLVMFuzzerTestOneInput. In the replay test (HAMILTON_FUZZ_REPLAY: every target in one GoogleTest
// executable, built in every configuration) it is registered under its name, so that the test
// feeds each saved input of tests/fuzz/corpus/<name>/ and tests/fuzz/regressions/<name>/ to the
// same code.
//
// An entry point returns 0. It lets through only what is a bug: a crash, a sanitizer report, an
// exception other than the errors the code under test documents, or a broken invariant
// (HAMILTON_FUZZ_CHECK).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

namespace hamilton_fuzz {

using Entry = int (*)(const std::uint8_t* data, std::size_t size);

inline std::map<std::string, Entry>& targets() {
  static std::map<std::string, Entry> all;
  return all;
}

struct Register {
  Register(const char* name, Entry entry) { targets()[name] = entry; }
};

}  // namespace hamilton_fuzz

/// A broken invariant: print it and abort (libFuzzer saves the input as a crash).
#define HAMILTON_FUZZ_CHECK(condition, what)                                            \
  do {                                                                                  \
    if (!(condition)) {                                                                 \
      std::fprintf(stderr, "fuzz check failed at %s:%d: %s (%s)\n", __FILE__, __LINE__, \
                   #condition, std::string(what).c_str());                              \
      std::abort();                                                                     \
    }                                                                                   \
  } while (0)

#ifdef HAMILTON_FUZZ_REPLAY
#define HAMILTON_FUZZ_TARGET(name)                                                            \
  static int hamilton_fuzz_##name(const std::uint8_t* data, std::size_t size);                \
  static const ::hamilton_fuzz::Register hamilton_fuzz_register_##name{#name,                 \
                                                                       hamilton_fuzz_##name}; \
  static int hamilton_fuzz_##name(const std::uint8_t* data, std::size_t size)
#else
#define HAMILTON_FUZZ_TARGET(name) \
  extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
#endif
