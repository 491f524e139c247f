// MatrixResult (NumpyMatrixResult).
#include "hamilton/result/matrix_result.hpp"

#include <cstdint>
#include <optional>

#include "hamilton/errors.hpp"
#include "hamilton/frame/dataframe.hpp"

namespace hamilton {
namespace {
struct Column {
  std::string name;
  std::string output;
  std::vector<double> values;
  std::optional<double> scalar;
};

std::optional<double> numeric_scalar(const Value &v) {
  if (v.is<double>()) return v.unchecked<double>();
  if (v.is<float>()) return v.unchecked<float>();
  if (v.is<std::int64_t>()) return static_cast<double>(v.unchecked<std::int64_t>());
  if (v.is<int>()) return v.unchecked<int>();
  if (v.is<bool>()) return v.unchecked<bool>() ? 1.0 : 0.0;
  return std::nullopt;
}
}  // namespace

Value MatrixResult::build(const Outputs &outputs) const { return Value(build_matrix(outputs)); }

Matrix MatrixResult::build_matrix(const Outputs &outputs) const {
  std::vector<Column> cols;
  auto from_series = [&](const Series &s, const std::string &col, const std::string &out) {
    if (!is_numeric(s.dtype()))
      throw ResultError(name() + ": output '" + out + "' is a " + std::string(s.dtype_name()) +
                        " column ('" + col + "'); a matrix holds numbers only");
    cols.push_back({col, out, s.to_doubles(), std::nullopt});
  };
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const std::string &out = outputs.name(i);
    const Value &v = outputs.value(i);
    if (const auto *s = v.get_if<Series>()) {
      from_series(*s, out, out);
    } else if (const auto *df = v.get_if<DataFrame>()) {
      for (const auto &c : df->columns()) from_series(c, out + "." + c.name(), out);
    } else if (const auto *vd = v.get_if<std::vector<double>>()) {
      cols.push_back({out, out, *vd, std::nullopt});
    } else if (const auto *vi = v.get_if<std::vector<std::int64_t>>()) {
      cols.push_back({out, out, std::vector<double>(vi->begin(), vi->end()), std::nullopt});
    } else if (auto sc = numeric_scalar(v)) {
      cols.push_back({out, out, {}, sc});
    } else {
      throw ResultError(name() + ": output '" + out + "' has type " + v.type().name() +
                        ", which cannot become a matrix column (expected hamilton::Series, "
                        "hamilton::DataFrame, std::vector<double>, std::vector<int64_t> or a "
                        "numeric scalar)");
    }
  }
  std::optional<std::size_t> rows;
  const Column *first = nullptr;
  for (const auto &c : cols) {
    if (c.scalar) continue;
    if (!rows) {
      rows = c.values.size();
      first = &c;
    } else if (c.values.size() != *rows) {
      throw ResultError(name() + ": output '" + c.output + "' has " +
                        std::to_string(c.values.size()) + " rows but output '" + first->output +
                        "' has " + std::to_string(*rows) +
                        "; all columns of a matrix must have the same length");
    }
  }
  std::vector<std::string> names;
  for (const auto &c : cols) names.push_back(c.name);
  Matrix m(rows.value_or(1), std::move(names));
  for (std::size_t k = 0; k < cols.size(); ++k)
    for (std::size_t r = 0; r < m.rows(); ++r)
      m(r, k) = cols[k].scalar ? *cols[k].scalar : cols[k].values[r];
  return m;
}

}  // namespace hamilton
