#pragma once
/// \file
/// `hamilton::ValueMap`: named values, used for config, inputs and overrides.

#include <functional>
#include <map>
#include <string>

#include "hamilton/value.hpp"

namespace hamilton {

/// Named values: `{{"spend", spend}, {"C", 3}}`. Ordered by name.
using ValueMap = std::map<std::string, Value, std::less<>>;
/// Config given to the Builder (`with_config`).
using Config = ValueMap;
/// External inputs given to `execute`.
using Inputs = ValueMap;
/// Values that replace nodes for one `execute` (nothing above an overridden node runs).
using Overrides = ValueMap;

}  // namespace hamilton
