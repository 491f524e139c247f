#pragma once
/// \file
/// `DataFrameResult` (Hamilton's PandasDataFrameResult) and
/// `StrictIndexDataFrameResult`: combine the outputs of a run into one
/// `hamilton::DataFrame`.

#include <functional>
#include <string>

#include "hamilton/export.hpp"
#include "hamilton/frame/dataframe.hpp"
#include "hamilton/result/outputs.hpp"
#include "hamilton/result/result_builder.hpp"
#include "hamilton/value.hpp"

namespace hamilton {

/// Receives warnings from result builders (e.g. outputs with different index
/// types).
using WarningHandler = std::function<void(const std::string &message)>;

/// Builds a DataFrame like `pandas.DataFrame(dict_of_outputs)`:
/// - `Series` outputs become columns, aligned on their index (outer join,
/// sorted union);
/// - a single `DataFrame` output is returned as is; several are flattened into
///   `<output>.<column>` columns;
/// - `std::vector<double>` / `std::vector<int64_t>` outputs are columns with a
/// range index;
/// - scalar outputs (double, float, int64_t, int, bool, std::string) are
/// broadcast to every
///   row; if all outputs are scalars the result has one row;
/// - when the outputs' index types differ (e.g. int64 and string labels) the
/// handler is
///   warned and the labels are combined as strings (nothing is dropped);
/// - any other type is a `ResultError` naming the output and its type.
class HAMILTON_EXPORT DataFrameResult : public ResultBuilder {
 public:
  /// `on_warning` defaults to printing the message to stderr.
  explicit DataFrameResult(WarningHandler on_warning = {});
  Value build(const Outputs &outputs) const override;
  std::string name() const override { return "DataFrameResult"; }
  /// The combined frame (what `build` wraps in a Value).
  DataFrame build_frame(const Outputs &outputs) const;

 protected:
  DataFrameResult(WarningHandler on_warning, bool strict);

 private:
  WarningHandler on_warning_;
  bool strict_;
};

/// Like DataFrameResult but refuses outputs whose index types differ
/// (`ResultError`).
class HAMILTON_EXPORT StrictIndexDataFrameResult final : public DataFrameResult {
 public:
  StrictIndexDataFrameResult() : DataFrameResult({}, true) {}
  std::string name() const override { return "StrictIndexDataFrameResult"; }
};

}  // namespace hamilton
