// The built-in codecs of hamilton::Series and hamilton::DataFrame, with their Index. Numeric
// columns are written with one `write` of their buffer (they are fingerprinted on every cached
// run); only the frame's public API is used.
//
// A Series: name, dtype (1 byte), index, values. An Index: kind (1 byte), name, size, then the
// start (range) or the labels. Values: float64 as IEEE-754 doubles (NaNs as the quiet NaN),
// int64, datetime and timedelta as int64, bool as one byte each, string as a byte saying whether
// any is missing, the missing mask (one byte each) if so, then the strings that are not missing. A
// DataFrame: index, the number of columns, then each column's name, dtype and values.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "caching/codec_io.hpp"
#include "hamilton/caching/codec.hpp"
#include "hamilton/frame/dataframe.hpp"
#include "hamilton/frame/dtype.hpp"
#include "hamilton/frame/index.hpp"
#include "hamilton/frame/series.hpp"

namespace hamilton::caching::detail {

namespace {

constexpr std::size_t kChunk = 8192;

std::uint64_t times(std::uint64_t n, std::size_t each) {
  return each != 0 && n > std::numeric_limits<std::uint64_t>::max() / each
             ? std::numeric_limits<std::uint64_t>::max()
             : n * each;
}

// ---- Index ----

void encode_index(const Index& ix, Sink& out) {
  write_u8(out, static_cast<std::uint8_t>(ix.kind()));
  out.write_string(ix.name());
  out.write_u64(ix.size());
  switch (ix.kind()) {
    case Index::Kind::range:
      out.write_i64(ix.range_start());
      break;
    case Index::Kind::int64:
    case Index::Kind::datetime: {
      // the labels are only reachable one by one: copied in chunks, one write per chunk
      std::vector<std::int64_t> buf(std::min(ix.size(), kChunk));
      for (std::size_t i = 0; i < ix.size(); i += kChunk) {
        std::size_t m = std::min(kChunk, ix.size() - i);
        for (std::size_t k = 0; k < m; ++k) buf[k] = ix.int_at(i + k);
        write_i64_array(out, buf.data(), m);
      }
      break;
    }
    case Index::Kind::string:
      for (std::size_t i = 0; i < ix.size(); ++i) out.write_string(ix.str_at(i));
      break;
  }
}

Index decode_index(Source& in) {
  std::uint8_t kind = read_u8(in);
  if (kind > static_cast<std::uint8_t>(Index::Kind::datetime))
    throw CacheFormatError("an index of unknown kind " + std::to_string(kind));
  std::string name = in.read_string();
  auto k = static_cast<Index::Kind>(kind);
  if (k == Index::Kind::range) {
    std::uint64_t n = in.read_u64();
    std::int64_t start = in.read_i64();
    constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (n > kMax || (start > 0 && n > kMax - static_cast<std::uint64_t>(start)))
      throw CacheFormatError("a range index of " + std::to_string(n) + " labels from " +
                             std::to_string(start) + " (past the largest int64)");
    return Index::range(start, start + static_cast<std::int64_t>(n)).rename(std::move(name));
  }
  if (k == Index::Kind::string) {
    std::size_t n = read_count(in, 8);
    std::vector<std::string> labels;
    labels.reserve(n);
    for (std::size_t i = 0; i < n; ++i) labels.push_back(in.read_string());
    return Index::from_strings(std::move(labels)).rename(std::move(name));
  }
  std::vector<std::int64_t> labels(read_count(in, 8));
  read_i64_array(in, labels.data(), labels.size());
  Index ix = k == Index::Kind::datetime ? Index::from_datetime(std::move(labels))
                                        : Index::from_int64(std::move(labels));
  return ix.rename(std::move(name));
}

// ---- the values of a column ----

void encode_values(const Series& s, Sink& out) {
  switch (s.dtype()) {
    case DType::float64: {
      auto v = s.values<double>();
      write_f64_array(out, v.data(), v.size());
      break;
    }
    case DType::int64:
    case DType::datetime:
    case DType::timedelta: {
      auto v = s.values<std::int64_t>();
      write_i64_array(out, v.data(), v.size());
      break;
    }
    case DType::boolean: {
      auto v = s.values<bool>();
      write_bool_array(out, v.data(), v.size());
      break;
    }
    case DType::string: {
      auto v = s.values<std::string>();
      bool any_missing = false;
      for (std::size_t i = 0; i < v.size() && !any_missing; ++i) any_missing = s.is_missing(i);
      write_u8(out, any_missing ? 1 : 0);
      if (any_missing) {
        unsigned char buf[kChunk];
        for (std::size_t i = 0; i < v.size(); i += kChunk) {
          std::size_t m = std::min(kChunk, v.size() - i);
          for (std::size_t k = 0; k < m; ++k) buf[k] = s.is_missing(i + k) ? 1 : 0;
          out.write(buf, m);
        }
      }
      // a missing string has no text (pandas' NaN): what its slot holds is not content
      for (std::size_t i = 0; i < v.size(); ++i)
        if (!any_missing || !s.is_missing(i)) out.write_string(v[i]);
      break;
    }
  }
}

DType decode_dtype(Source& in) {
  std::uint8_t d = read_u8(in);
  if (d > static_cast<std::uint8_t>(DType::timedelta))
    throw CacheFormatError("a column of unknown dtype " + std::to_string(d));
  return static_cast<DType>(d);
}

// `n` values of `dtype` (the index's size), as a Series over `index`.
Series decode_values(Source& in, DType dtype, std::string name, Index index) {
  const std::size_t n = index.size();
  switch (dtype) {
    case DType::float64: {
      require(in, times(n, sizeof(double)));
      std::vector<double> v(n);
      read_f64_array(in, v.data(), n);
      return Series(std::move(v), std::move(name), std::move(index));
    }
    case DType::int64:
    case DType::datetime:
    case DType::timedelta: {
      require(in, times(n, sizeof(std::int64_t)));
      std::vector<std::int64_t> v(n);
      read_i64_array(in, v.data(), n);
      if (dtype == DType::datetime)
        return Series::datetime(std::move(v), std::move(name), std::move(index));
      if (dtype == DType::timedelta)
        return Series::timedelta(std::move(v), std::move(name), std::move(index));
      return Series(std::move(v), std::move(name), std::move(index));
    }
    case DType::boolean: {
      require(in, n);
      return Series(read_bool_vector(in, n), std::move(name), std::move(index));
    }
    case DType::string: {
      std::uint8_t any_missing = read_u8(in);
      if (any_missing > 1)
        throw CacheFormatError("a string column's missing flag is " + std::to_string(any_missing) +
                               " (not 0 or 1)");
      std::vector<bool> missing;
      std::size_t present = n;
      if (any_missing) {
        require(in, n);
        missing = read_bool_vector(in, n);
        for (bool m : missing) present -= m ? 1 : 0;
      }
      require(in, times(present, 8));
      std::vector<std::string> v(n);
      for (std::size_t i = 0; i < n; ++i)
        if (!any_missing || !missing[i]) v[i] = in.read_string();
      if (any_missing)
        return Series::strings(std::move(v), std::move(missing), std::move(name), std::move(index));
      return Series(std::move(v), std::move(name), std::move(index));
    }
  }
  throw CacheFormatError("a column of unknown dtype");  // unreachable: decode_dtype checked
}

// ---- Series and DataFrame ----

void encode_series(const Series& s, Sink& out) {
  out.write_string(s.name());
  write_u8(out, static_cast<std::uint8_t>(s.dtype()));
  encode_index(s.index(), out);
  encode_values(s, out);
}

Series decode_series(Source& in) {
  std::string name = in.read_string();
  DType dtype = decode_dtype(in);
  Index index = decode_index(in);
  return decode_values(in, dtype, std::move(name), std::move(index));
}

void encode_frame(const DataFrame& df, Sink& out) {
  encode_index(df.index(), out);
  out.write_u64(df.num_columns());
  // every column is over the frame's index (the DataFrame keeps them so): values only
  for (const Series& c : df.columns()) {
    out.write_string(c.name());
    write_u8(out, static_cast<std::uint8_t>(c.dtype()));
    encode_values(c, out);
  }
}

DataFrame decode_frame(Source& in) {
  Index index = decode_index(in);
  std::size_t ncols = read_count(in, 9);  // a name (8 bytes at least) and a dtype
  std::vector<Series> columns;
  columns.reserve(ncols);
  for (std::size_t i = 0; i < ncols; ++i) {
    std::string name = in.read_string();
    DType dtype = decode_dtype(in);
    columns.push_back(decode_values(in, dtype, std::move(name), index));
  }
  if (!columns.empty()) return DataFrame(std::move(columns));
  if (index.kind() == Index::Kind::range && index.empty() && index.range_start() == 0 &&
      index.name().empty())
    return DataFrame();
  // A frame of rows without columns (`df.select({})`): the public API makes one by selecting
  // no column of a frame over this index.
  constexpr std::size_t kMaxRows = std::size_t{1} << 32;
  if (index.size() > kMaxRows)
    throw CacheFormatError("a frame without columns over " + std::to_string(index.size()) +
                           " rows (at most " + std::to_string(kMaxRows) + " are read back)");
  std::vector<bool> placeholder(index.size());
  return DataFrame(std::vector<Series>{Series(std::move(placeholder), "_", std::move(index))})
      .select({});
}

}  // namespace

void add_frame_codecs(Registry& r) {
  add_builtin_codec(r, TypeInfo::of<Series>(), reinterpret_cast<AnyFn>(&encode_series),
                    &encode_thunk<Series>, reinterpret_cast<AnyFn>(&decode_series),
                    &decode_thunk<Series>);
  add_builtin_codec(r, TypeInfo::of<DataFrame>(), reinterpret_cast<AnyFn>(&encode_frame),
                    &encode_thunk<DataFrame>, reinterpret_cast<AnyFn>(&decode_frame),
                    &decode_thunk<DataFrame>);
}

}  // namespace hamilton::caching::detail
