#pragma once
// Helpers for the modifier tests.
#include <gtest/gtest.h>

#include <algorithm>
#include <hamilton/hamilton.hpp>

#include "support/build_error.hpp"
#include <string>
#include <vector>

namespace mtest {

using testing_support::build_error;

inline const hamilton::Problem* find_problem(const hamilton::GraphError& e,
                                             hamilton::ErrorCode code,
                                             const std::string& node = "") {
  for (const auto& p : e.problems())
    if (p.code == code && (node.empty() || p.node == node)) return &p;
  return nullptr;
}

/// Names of the function nodes of a driver (inputs and config left out), sorted.
inline std::vector<std::string> function_nodes(const hamilton::Driver& dr) {
  std::vector<std::string> out;
  for (const auto& v : dr.list_available_variables())
    if (v.role == hamilton::NodeRole::function) out.push_back(v.name);
  std::sort(out.begin(), out.end());
  return out;
}

inline hamilton::Variable variable(const hamilton::Driver& dr, const std::string& name) {
  return dr.graph().variable(name);
}

}  // namespace mtest
