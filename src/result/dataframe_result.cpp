// DataFrameResult / StrictIndexDataFrameResult.
#include "hamilton/result/dataframe_result.hpp"

#include <cstdint>
#include <iostream>
#include <map>
#include <optional>

#include "hamilton/errors.hpp"
#include "hamilton/frame/series.hpp"

namespace hamilton {
namespace {

// One output as columns (or a scalar to broadcast).
struct Piece {
  std::string output;
  std::vector<Series> columns;  // empty for scalars
  std::optional<detail::Scalar> scalar;
};

std::optional<detail::Scalar> as_scalar(const Value &v) {
  if (v.is<double>()) return detail::Scalar::of(v.unchecked<double>());
  if (v.is<float>()) return detail::Scalar::of(static_cast<double>(v.unchecked<float>()));
  if (v.is<std::int64_t>()) return detail::Scalar::of(v.unchecked<std::int64_t>());
  if (v.is<int>()) return detail::Scalar::of(v.unchecked<int>());
  if (v.is<bool>()) return detail::Scalar::of(v.unchecked<bool>());
  if (v.is<std::string>()) return detail::Scalar::of(v.unchecked<std::string>());
  return std::nullopt;
}

std::string index_type(const Index &ix) {
  switch (ix.kind()) {
    case Index::Kind::range:
    case Index::Kind::int64:
      return "int64";
    case Index::Kind::string:
      return "string";
    case Index::Kind::datetime:
      return "datetime64[ns]";
  }
  return "?";
}

Index as_string_index(const Index &ix) {
  if (ix.kind() == Index::Kind::string) return ix;
  std::vector<std::string> labels;
  labels.reserve(ix.size());
  for (std::size_t i = 0; i < ix.size(); ++i) labels.push_back(ix.label_string(i));
  return Index::from_strings(std::move(labels));
}

}  // namespace

DataFrameResult::DataFrameResult(WarningHandler on_warning)
    : DataFrameResult(std::move(on_warning), false) {}

DataFrameResult::DataFrameResult(WarningHandler on_warning, bool strict)
    : on_warning_(std::move(on_warning)), strict_(strict) {
  if (!on_warning_)
    on_warning_ = [](const std::string &m) { std::cerr << "hamilton warning: " << m << '\n'; };
}

Value DataFrameResult::build(const Outputs &outputs) const { return Value(build_frame(outputs)); }

DataFrame DataFrameResult::build_frame(const Outputs &outputs) const {
  if (outputs.size() == 1 && outputs.value(0).is<DataFrame>())
    return outputs.value(0).unchecked<DataFrame>();
  std::vector<Piece> pieces;
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const std::string &out = outputs.name(i);
    const Value &v = outputs.value(i);
    Piece p{out, {}, std::nullopt};
    if (const auto *s = v.get_if<Series>()) {
      p.columns.push_back(s->rename(out));
    } else if (const auto *df = v.get_if<DataFrame>()) {
      for (const auto &c : df->columns()) p.columns.push_back(c.rename(out + "." + c.name()));
    } else if (const auto *vd = v.get_if<std::vector<double>>()) {
      p.columns.emplace_back(*vd, out);
    } else if (const auto *vi = v.get_if<std::vector<std::int64_t>>()) {
      p.columns.emplace_back(*vi, out);
    } else if (auto sc = as_scalar(v)) {
      p.scalar = std::move(sc);
    } else {
      throw ResultError(name() + ": output '" + out + "' has type " + v.type().name() +
                        ", which cannot become a DataFrame column (expected "
                        "hamilton::Series, "
                        "hamilton::DataFrame, std::vector<double>, "
                        "std::vector<int64_t>, or a "
                        "double, int64_t, int, bool or std::string scalar)");
    }
    pieces.push_back(std::move(p));
  }
  // Index types: warn (or refuse) when they differ.
  std::map<std::string, std::vector<std::string>> types;  // type → outputs
  for (const auto &p : pieces)
    for (const auto &c : p.columns) {
      auto &outs = types[index_type(c.index())];
      if (outs.empty() || outs.back() != p.output) outs.push_back(p.output);
    }
  bool as_strings = false;
  if (types.size() > 1) {
    std::string msg = name() + ": outputs have different index types: ";
    bool first = true;
    for (const auto &[t, outs] : types) {
      msg += (first ? "" : "; ") + t + " (";
      for (std::size_t k = 0; k < outs.size(); ++k)
        msg += (k ? ", " : "") + std::string("'") + outs[k] + "'";
      msg += ")";
      first = false;
    }
    if (strict_) throw ResultError(msg);
    on_warning_(msg + "; combining their labels as strings");
    as_strings = true;
  }
  std::vector<Series> series;
  for (auto &p : pieces)
    for (auto &c : p.columns)
      series.push_back(as_strings ? c.with_index(as_string_index(c.index())) : c);
  Index index = Index::range(1);
  if (!series.empty()) {
    try {
      index = DataFrame(series).index();
    } catch (const ResultError &) {
      throw;
    } catch (const Error &e) {
      throw ResultError(name() + ": cannot combine the outputs: " + e.what());
    }
  }
  std::vector<Series> cols;
  for (const auto &p : pieces) {
    if (p.scalar) {
      const detail::Scalar &s = *p.scalar;
      switch (s.dtype) {
        case DType::float64:
          cols.push_back(Series::full(index.size(), s.f, p.output, index));
          break;
        case DType::int64:
          cols.push_back(Series::full(index.size(), s.i, p.output, index));
          break;
        case DType::boolean:
          cols.push_back(Series::full(index.size(), s.b, p.output, index));
          break;
        default:
          cols.push_back(Series::full(index.size(), s.s, p.output, index));
          break;
      }
      continue;
    }
    for (const auto &c : p.columns)
      cols.push_back((as_strings ? c.with_index(as_string_index(c.index())) : c).reindex(index));
  }
  try {
    return DataFrame(std::move(cols));
  } catch (const Error &e) {
    throw ResultError(name() + ": cannot combine the outputs: " + e.what());
  }
}

}  // namespace hamilton
