// Helpers shared by the DataFrame operations: columns by name with the
// operation in the error, rows by position, index <-> column.
#include "ops_internal.hpp"

#include "internal.hpp"

namespace hamilton::detail {

const Series &column_for(const DataFrame &df, std::string_view name, std::string_view what) {
  try {
    return df[name];
  } catch (const Error &e) {
    throw Error(std::string(what) + ": " + e.what());
  }
}

DataFrame frame_of(std::vector<Series> columns, const Index &index) {
  if (columns.empty()) return DataFrame();
  for (auto &c : columns)
    if (!c.index().same(index)) c = c.with_index(index);
  return DataFrame(std::move(columns));
}

DataFrame take_rows(const DataFrame &df, const std::vector<std::size_t> &positions,
                    const Index &index) {
  std::vector<Series> cols;
  cols.reserve(df.num_columns());
  for (const auto &c : df.columns()) cols.push_back(c.take(positions, index));
  return frame_of(std::move(cols), index);
}

Series index_as_series(const Index &ix, std::string name, const Index &values_index) {
  const std::size_t n = ix.size();
  if (ix.kind() == Index::Kind::string) {
    std::vector<std::string> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = ix.str_at(i);
    return Series(std::move(v), std::move(name), values_index);
  }
  auto b = alloc<std::int64_t>(n);
  for (std::size_t i = 0; i < n; ++i) b.data[i] = ix.int_at(i);
  return make_series(ix.kind() == Index::Kind::datetime ? DType::datetime : DType::int64, n, b,
                     std::move(name), values_index);
}

Index series_as_index(const Series &s, std::string name, std::string_view what) {
  switch (s.dtype()) {
    case DType::int64: {
      auto v = s.values<std::int64_t>();
      return Index::from_int64(std::vector<std::int64_t>(v.begin(), v.end())).rename(name);
    }
    case DType::datetime: {
      auto v = s.values<std::int64_t>();
      return Index::from_datetime(std::vector<std::int64_t>(v.begin(), v.end())).rename(name);
    }
    case DType::string: {
      for (std::size_t i = 0; i < s.size(); ++i)
        if (s.is_missing(i))
          throw Error(std::string(what) + ": " + s.describe() + " has a missing value at row " +
                      std::to_string(i) +
                      "; an index of strings cannot hold missing labels here (fill them first "
                      "with fillna)");
      auto v = s.values<std::string>();
      return Index::from_strings(std::vector<std::string>(v.begin(), v.end())).rename(name);
    }
    case DType::float64:
    case DType::boolean:
    case DType::timedelta:
      break;
  }
  throw Error(std::string(what) + ": " + s.describe() +
              " cannot be an index: an index holds int64, string or datetime labels (convert "
              "the column with astype first)");
}

}  // namespace hamilton::detail
