#pragma once
// Builds a graph that must fail and returns the GraphError (a test failure if it builds).
#include <gtest/gtest.h>

#include <hamilton/hamilton.hpp>

namespace testing_support {

inline hamilton::GraphError build_error(const hamilton::Builder& b) {
  try {
    b.build();
  } catch (const hamilton::GraphError& e) {
    return e;
  }
  ADD_FAILURE() << "expected a GraphError";
  return hamilton::GraphError({});
}

}  // namespace testing_support
