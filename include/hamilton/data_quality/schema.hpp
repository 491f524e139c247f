#pragma once
/// \file
/// DataFrame schemas (pandera's `DataFrameSchema` / `Column`): a `DataValidator` for nodes
/// returning `hamilton::DataFrame`, used with `check_output` like the other validators.
///
/// <!-- compile: file -->
/// ```cpp
/// #include <hamilton/frame.hpp>
/// #include <hamilton/node.hpp>
/// using hamilton::DataFrame;
/// using hamilton::DType;
/// namespace dq = hamilton::dq;
///
/// HAMILTON_MODULE(sales);
/// const auto schema = dq::DataFrameSchema({
///     dq::Column("spend", DType::float64).nullable(false).check(dq::range(0.0, 1e6)),
///     dq::Column("region", DType::string).isin({"US", "EU"}),
/// }).strict(true);
/// NODE(DataFrame, frame, (const DataFrame& raw), check_output(schema, dq::Importance::fail)) {
///   return raw;
/// }
/// ```
///
/// Validation is lazy (pandera's `lazy=True`): every failure of the frame is gathered into
/// the one `ValidationResult` of the schema. Nothing is coerced: a column of another dtype
/// fails the dtype check.

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "hamilton/data_quality/base.hpp"
#include "hamilton/data_quality/validators.hpp"
#include "hamilton/export.hpp"
#include "hamilton/frame/dtype.hpp"

namespace hamilton {
class DataFrame;
}

namespace hamilton::dq {

/// One column of a DataFrameSchema (pandera's `Column`). Builder methods return a modified
/// copy.
class HAMILTON_EXPORT Column {
 public:
  /// A column of any dtype (only presence, nullability and checks are verified).
  explicit Column(std::string name);
  /// A column that must have dtype `dtype`.
  Column(std::string name, DType dtype);

  /// Whether missing values (NaN, NaT, missing strings) are allowed. Default false, like
  /// pandera.
  Column nullable(bool allowed = true) const;
  /// Whether the column must be present. Default true, like pandera.
  Column required(bool is_required = true) const;
  /// Adds a Series validator (range, values_in, mean_in_range, a custom one ...). Like
  /// pandera's checks (`ignore_na=True`), it sees the column without its missing values —
  /// except `max_fraction_nans`, `allow_nans` and `not_null`, which see the whole column, as
  /// does any check added with `ignore_na = false`. Positions in its message and its
  /// `first_failure_index` refer to the whole column.
  Column check(Validator v, bool ignore_na = true) const;
  /// Shorthand for `check(values_in(values))` (pandera's `Check.isin`).
  Column isin(std::vector<std::string> values) const;
  Column isin(std::initializer_list<const char*> values) const;
  Column isin(std::vector<double> values) const;

  const std::string& name() const noexcept { return name_; }
  const std::optional<DType>& dtype() const noexcept { return dtype_; }
  bool is_nullable() const noexcept { return nullable_; }
  bool is_required() const noexcept { return required_; }

  struct ColumnCheck {
    Validator validator;
    bool ignore_na = true;
  };
  const std::vector<ColumnCheck>& checks() const noexcept { return checks_; }

 private:
  std::string name_;
  std::optional<DType> dtype_;
  bool nullable_ = false;
  bool required_ = true;
  std::vector<ColumnCheck> checks_;
};

/// A DataFrame schema (pandera's `DataFrameSchema`), checking column presence, dtypes,
/// nullability, per-column checks and (with `strict`) that no other column exists. Applies to
/// nodes returning `hamilton::DataFrame` (on other nodes check_output is a build error).
/// Name: `schema_validator` (change it with `named` to put two schemas on one node).
class HAMILTON_EXPORT DataFrameSchema final : public DataValidator {
 public:
  explicit DataFrameSchema(std::vector<Column> columns);

  /// With `strict`, columns not listed in the schema are failures.
  DataFrameSchema strict(bool is_strict = true) const;
  /// Another validator name (an identifier; names the node `<node>_<name>`).
  DataFrameSchema named(std::string name) const;
  /// This schema as a check_output validator with importance `i`.
  Validator with_importance(Importance i) const;

  const std::vector<Column>& columns() const noexcept { return columns_; }
  bool is_strict() const noexcept { return strict_; }
  /// Empty if the schema is well formed, else what is wrong with it (a column listed twice,
  /// a column check that does not apply to a Series). An ill-formed schema applies to no
  /// type, so check_output reports it as a build error.
  const std::string& problem() const noexcept { return problem_; }

  std::string name() const override { return name_; }
  std::string description() const override;
  bool applies_to(const TypeInfo& type) const override;
  ValidationResult validate(const Value& value) const override;
  /// Validates a frame directly (outside a graph).
  ValidationResult validate(const DataFrame& frame) const;

 private:
  std::vector<Column> columns_;
  bool strict_ = false;
  std::string name_ = "schema_validator";
  std::string problem_;
};

}  // namespace hamilton::dq
