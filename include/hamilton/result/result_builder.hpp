#pragma once
/// \file
/// Result builders combine the outputs of a run into the one object `Driver::execute` hands
/// back: a dict (`DictResult`, the default), a DataFrame, a matrix, or anything a user makes
/// by deriving from `ResultBuilder`.

#include <memory>
#include <string>

#include "hamilton/export.hpp"
#include "hamilton/result/outputs.hpp"
#include "hamilton/value.hpp"

namespace hamilton {

/// Combines the requested outputs of a run into one value. Implementations must be
/// thread-safe for concurrent `build` calls (a Driver can run on several threads at once).
class HAMILTON_EXPORT ResultBuilder {
 public:
  virtual ~ResultBuilder() = default;
  /// Combines `outputs` (in the order they were requested) into one value.
  /// Throws `ResultError` when the outputs cannot be combined.
  virtual Value build(const Outputs& outputs) const = 0;
  /// Name used in messages, e.g. "DictResult".
  virtual std::string name() const = 0;
};

/// Hamilton's `DictResult`: the outputs themselves, as an `Outputs` dictionary.
class HAMILTON_EXPORT DictResult final : public ResultBuilder {
 public:
  Value build(const Outputs& outputs) const override { return Value(outputs); }
  std::string name() const override { return "DictResult"; }
};

}  // namespace hamilton
