#pragma once
/// \file
/// `MatrixResult` (Hamilton's NumpyMatrixResult): numeric outputs side by side
/// in a row-major `hamilton::Matrix`.

#include <cstddef>
#include <string>
#include <vector>

#include "hamilton/export.hpp"
#include "hamilton/result/outputs.hpp"
#include "hamilton/result/result_builder.hpp"
#include "hamilton/value.hpp"

namespace hamilton {

/// A dense, row-major matrix of doubles with named columns.
class HAMILTON_EXPORT Matrix {
 public:
  Matrix() = default;
  Matrix(std::size_t rows, std::vector<std::string> column_names)
      : rows_(rows), names_(std::move(column_names)), data_(rows_ * names_.size()) {}

  std::size_t rows() const noexcept { return rows_; }
  std::size_t cols() const noexcept { return names_.size(); }
  double operator()(std::size_t r, std::size_t c) const noexcept { return data_[r * cols() + c]; }
  double &operator()(std::size_t r, std::size_t c) noexcept { return data_[r * cols() + c]; }
  const std::vector<std::string> &column_names() const noexcept { return names_; }
  /// The row-major values (rows() * cols()).
  const std::vector<double> &data() const noexcept { return data_; }

 private:
  std::size_t rows_ = 0;
  std::vector<std::string> names_;
  std::vector<double> data_;
};

/// Puts numeric outputs side by side: `Series` (numeric dtypes, missing → NaN),
/// `std::vector<double>`, `std::vector<int64_t>`, `DataFrame` (one matrix
/// column per frame column, named `<output>.<column>`), and scalars (double,
/// float, int64_t, int, bool) broadcast to every row. Columns of different
/// lengths are a `ResultError` naming both outputs and lengths; indexes are
/// ignored (like numpy).
class HAMILTON_EXPORT MatrixResult final : public ResultBuilder {
 public:
  Value build(const Outputs &outputs) const override;
  std::string name() const override { return "MatrixResult"; }
  /// The matrix itself (what `build` wraps in a Value).
  Matrix build_matrix(const Outputs &outputs) const;
};

}  // namespace hamilton
