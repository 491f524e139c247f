#pragma once
#include <string>
#include <vector>

#include "hamilton/errors.hpp"
#include "hamilton/registry/module.hpp"

namespace hamilton::detail {

/// Loads a shared library built with hamilton_add_module(... SHARED) (once per process) and
/// returns the modules it registered. Problems (missing file, load failure, no modules) are
/// appended to `problems`.
std::vector<Module> load_module_library(const std::string& path, std::vector<Problem>& problems);

}  // namespace hamilton::detail
