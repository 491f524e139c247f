#pragma once
/// \file
/// `HAMILTON_EXPORT` marks the public API of the hamilton-cpp libraries. They are built with
/// hidden symbol visibility: only what is marked is visible to programs and module libraries.

#if defined(_WIN32)
#define HAMILTON_EXPORT
#else
#define HAMILTON_EXPORT __attribute__((visibility("default")))
#endif
