#pragma once
/// \file
/// Every function modifier (Hamilton's `hamilton.function_modifiers`) and the data-quality
/// API they use.

#include "hamilton/data_quality/base.hpp"
#include "hamilton/data_quality/errors.hpp"
#include "hamilton/data_quality/report.hpp"
#include "hamilton/data_quality/schema.hpp"
#include "hamilton/data_quality/validators.hpp"
#include "hamilton/function_modifiers/configuration.hpp"
#include "hamilton/function_modifiers/dependencies.hpp"
#include "hamilton/function_modifiers/expanders.hpp"
#include "hamilton/function_modifiers/macros.hpp"
#include "hamilton/function_modifiers/metadata.hpp"
#include "hamilton/function_modifiers/modifier.hpp"
#include "hamilton/function_modifiers/recursive.hpp"
#include "hamilton/function_modifiers/validation.hpp"
