// The Arrow C Data Interface and C Stream Interface for Series and DataFrame
// (include/hamilton/frame/arrow.hpp): export (Series/DataFrame -> ArrowArray,
// ArrowSchema, ArrowArrayStream) and import (the reverse).
#include "hamilton/frame/arrow.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "internal.hpp"

namespace hamilton {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
__extension__ typedef __int128 Int128;  // GCC and Clang

// ---- export ----------------------------------------------------------------------------

struct SchemaData {
  std::string format;
  std::string name;
  std::vector<ArrowSchema> children;
  std::vector<ArrowSchema *> child_ptrs;
};

void release_schema(ArrowSchema *s) {
  if (s == nullptr || s->release == nullptr) return;
  auto *d = static_cast<SchemaData *>(s->private_data);
  for (ArrowSchema *c : d->child_ptrs)
    if (c->release != nullptr) c->release(c);
  delete d;
  s->release = nullptr;
}

SchemaData *init_schema(ArrowSchema *out, std::string format, const std::string &name) {
  auto *d = new SchemaData{std::move(format), name, {}, {}};
  out->format = d->format.c_str();
  out->name = d->name.c_str();
  out->metadata = nullptr;
  out->flags = ARROW_FLAG_NULLABLE;
  out->n_children = 0;
  out->children = nullptr;
  out->dictionary = nullptr;
  out->release = &release_schema;
  out->private_data = d;
  return d;
}

constexpr std::size_t kMaxInt32 =
    static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max());

std::size_t string_bytes(const Series &s) {
  std::size_t total = 0;
  for (const auto &v : s.values<std::string>()) total += v.size();
  return total;
}

std::string format_of(const Series &s) {
  switch (s.dtype()) {
    case DType::float64:
      return "g";
    case DType::int64:
      return "l";
    case DType::boolean:
      return "b";
    case DType::datetime:
      return "tsn:";
    case DType::timedelta:
      return "tDn";
    case DType::string:
      return string_bytes(s) > kMaxInt32 ? "U" : "u";
  }
  return "g";
}

struct ArrayData {
  Series keep;  // holds the shared values buffer alive
  std::vector<std::uint8_t> validity;
  std::vector<std::uint8_t> bits;  // bool values, bit-packed
  std::vector<std::int32_t> offsets32;
  std::vector<std::int64_t> offsets64;
  std::string chars;
  const void *buffers[3] = {nullptr, nullptr, nullptr};
  std::vector<ArrowArray> children;
  std::vector<ArrowArray *> child_ptrs;
};

void release_array(ArrowArray *a) {
  if (a == nullptr || a->release == nullptr) return;
  auto *d = static_cast<ArrayData *>(a->private_data);
  for (ArrowArray *c : d->child_ptrs)
    if (c->release != nullptr) c->release(c);
  delete d;
  a->release = nullptr;
}

ArrayData *init_array(ArrowArray *out, std::int64_t length, std::int64_t n_buffers) {
  auto *d = new ArrayData();
  out->length = length;
  out->null_count = 0;
  out->offset = 0;
  out->n_buffers = n_buffers;
  out->n_children = 0;
  out->buffers = d->buffers;
  out->children = nullptr;
  out->dictionary = nullptr;
  out->release = &release_array;
  out->private_data = d;
  return d;
}

// A validity bitmap of `n` bits (1 = valid) from `missing(i)`; empty if none is missing.
template <class Missing>
std::int64_t make_validity(std::size_t n, Missing missing, std::vector<std::uint8_t> &out) {
  std::int64_t nulls = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!missing(i)) continue;
    if (out.empty()) out.assign((n + 7) / 8, 0xFF);
    out[i / 8] = static_cast<std::uint8_t>(out[i / 8] & ~(1u << (i % 8)));
    ++nulls;
  }
  return nulls;
}

template <class Offset>
void fill_strings(const Series &s, std::vector<Offset> &offsets, std::string &chars,
                  std::size_t total) {
  auto values = s.values<std::string>();
  const std::vector<bool> *na = s.string_missing();
  offsets.resize(values.size() + 1);
  chars.reserve(total);
  offsets[0] = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (na == nullptr || !(*na)[i]) chars.append(values[i]);
    offsets[i + 1] = static_cast<Offset>(chars.size());
  }
}

void export_column(const Series &s, ArrowArray *out) {
  const std::size_t n = s.size();
  const bool is_string = s.dtype() == DType::string;
  ArrayData *d = init_array(out, static_cast<std::int64_t>(n), is_string ? 3 : 2);
  try {
    d->keep = s;
    switch (s.dtype()) {
      case DType::float64: {
        auto v = s.values<double>();
        out->null_count = make_validity(
            n, [&](std::size_t i) { return std::isnan(v[i]); }, d->validity);
        d->buffers[1] = v.data();
        break;
      }
      case DType::int64:
        d->buffers[1] = s.values<std::int64_t>().data();
        break;
      case DType::datetime:
      case DType::timedelta: {
        auto v = s.values<std::int64_t>();
        out->null_count = make_validity(
            n, [&](std::size_t i) { return v[i] == kNaT; }, d->validity);
        d->buffers[1] = v.data();
        break;
      }
      case DType::boolean: {
        auto v = s.values<bool>();
        d->bits.assign((n + 7) / 8 + 1, 0);
        for (std::size_t i = 0; i < n; ++i)
          if (v[i]) d->bits[i / 8] = static_cast<std::uint8_t>(d->bits[i / 8] | (1u << (i % 8)));
        d->buffers[1] = d->bits.data();
        break;
      }
      case DType::string: {
        const std::vector<bool> *na = s.string_missing();
        if (na != nullptr)
          out->null_count = make_validity(
              n, [&](std::size_t i) { return static_cast<bool>((*na)[i]); }, d->validity);
        const std::size_t total = string_bytes(s);
        if (total > kMaxInt32) {
          fill_strings(s, d->offsets64, d->chars, total);
          d->buffers[1] = d->offsets64.data();
        } else {
          fill_strings(s, d->offsets32, d->chars, total);
          d->buffers[1] = d->offsets32.data();
        }
        d->buffers[2] = d->chars.data();
        break;
      }
    }
    d->buffers[0] = d->validity.empty() ? nullptr : d->validity.data();
  } catch (...) {
    release_array(out);
    throw;
  }
}

void export_struct(const DataFrame &df, ArrowArray *out) {
  ArrayData *d = init_array(out, static_cast<std::int64_t>(df.num_rows()), 1);
  try {
    const std::size_t k = df.num_columns();
    d->children.assign(k, ArrowArray{});
    for (std::size_t i = 0; i < k; ++i) {
      export_column(df.column(i), &d->children[i]);
      d->child_ptrs.push_back(&d->children[i]);
    }
    out->n_children = static_cast<std::int64_t>(k);
    out->children = d->child_ptrs.empty() ? nullptr : d->child_ptrs.data();
  } catch (...) {
    release_array(out);
    throw;
  }
}

void struct_schema(const DataFrame &df, ArrowSchema *schema) {
  SchemaData *d = init_schema(schema, "+s", "");
  schema->flags = 0;
  try {
    const std::size_t k = df.num_columns();
    d->children.assign(k, ArrowSchema{});
    for (std::size_t i = 0; i < k; ++i) {
      const Series &c = df.column(i);
      init_schema(&d->children[i], format_of(c), c.name());
      d->child_ptrs.push_back(&d->children[i]);
    }
    schema->n_children = static_cast<std::int64_t>(k);
    schema->children = d->child_ptrs.empty() ? nullptr : d->child_ptrs.data();
  } catch (...) {
    release_schema(schema);
    throw;
  }
}

void require(const void *p, const char *what) {
  if (p == nullptr) throw Error(std::string("Arrow export: ") + what + " is a null pointer");
}

// ---- stream export -----------------------------------------------------------------------

struct StreamData {
  bool is_frame = true;
  DataFrame frame;
  Series series;
  std::size_t batch_rows = 0;
  std::size_t pos = 0;
  bool emitted = false;
  std::string error;

  std::size_t rows() const { return is_frame ? frame.num_rows() : series.size(); }
};

int stream_get_schema(ArrowArrayStream *stream, ArrowSchema *out) {
  auto *d = static_cast<StreamData *>(stream->private_data);
  try {
    if (d->is_frame)
      struct_schema(d->frame, out);
    else
      export_series_schema(d->series, out);
    return 0;
  } catch (const std::exception &e) {
    d->error = e.what();
    return ENOMEM;
  }
}

int stream_get_next(ArrowArrayStream *stream, ArrowArray *out) {
  auto *d = static_cast<StreamData *>(stream->private_data);
  try {
    const std::size_t rows = d->rows();
    if (d->emitted && d->pos >= rows) {
      out->release = nullptr;  // end of stream
      return 0;
    }
    const std::size_t step = d->batch_rows == 0 ? std::max<std::size_t>(rows, 1) : d->batch_rows;
    const std::size_t end = std::min(rows, d->pos + step);
    if (d->is_frame)
      export_struct(d->frame.slice(d->pos, end), out);
    else
      export_column(d->series.slice(d->pos, end), out);
    d->pos = end;
    d->emitted = true;
    return 0;
  } catch (const std::exception &e) {
    d->error = e.what();
    return ENOMEM;
  }
}

const char *stream_last_error(ArrowArrayStream *stream) {
  auto *d = static_cast<StreamData *>(stream->private_data);
  return d->error.empty() ? nullptr : d->error.c_str();
}

void stream_release(ArrowArrayStream *stream) {
  if (stream == nullptr || stream->release == nullptr) return;
  delete static_cast<StreamData *>(stream->private_data);
  stream->release = nullptr;
}

void init_stream(ArrowArrayStream *out, StreamData *d) {
  out->get_schema = &stream_get_schema;
  out->get_next = &stream_get_next;
  out->get_last_error = &stream_last_error;
  out->release = &stream_release;
  out->private_data = d;
}

// ---- import ------------------------------------------------------------------------------

/// The moved-in ArrowArray: released when the last Series sharing its buffers goes.
struct Imported {
  ArrowArray array{};
  Imported() = default;
  Imported(const Imported &) = delete;
  Imported &operator=(const Imported &) = delete;
  ~Imported() {
    if (array.release != nullptr) array.release(&array);
  }
};

/// Releases a schema at the end of a scope.
struct SchemaGuard {
  ArrowSchema *schema;
  ~SchemaGuard() {
    if (schema != nullptr && schema->release != nullptr) schema->release(schema);
  }
};

std::shared_ptr<Imported> take(ArrowArray *array, const char *function) {
  if (array == nullptr) throw Error(std::string(function) + ": the ArrowArray is a null pointer");
  if (array->release == nullptr)
    throw Error(std::string(function) +
                ": the ArrowArray was already released (consumed or moved); export the data "
                "again and pass the new array");
  auto holder = std::make_shared<Imported>();
  holder->array = *array;
  array->release = nullptr;  // moved: the caller's struct is now released
  return holder;
}

void check_schema(const ArrowSchema *schema, const char *function) {
  if (schema == nullptr) throw Error(std::string(function) + ": the ArrowSchema is a null pointer");
  if (schema->release == nullptr)
    throw Error(std::string(function) +
                ": the ArrowSchema was already released (consumed or moved); export the data "
                "again and pass the new schema");
}

std::string quoted_name(const ArrowSchema &schema) {
  return schema.name != nullptr ? std::string(schema.name) : std::string();
}

/// One column to read: the array, its type, and the rows [start, start + n) of it (a struct's
/// offset applies to its children).
struct Column {
  const ArrowArray &array;
  const ArrowSchema &schema;
  std::int64_t start;  // logical start inside `array` (before array.offset)
  std::int64_t n;
  std::shared_ptr<const void> owner;
  std::string what;  // "Arrow import of column 'x' (format 'g')"

  [[noreturn]] void fail(const std::string &why) const { throw Error(what + ": " + why); }

  std::int64_t phys(std::int64_t i) const { return array.offset + start + i; }

  void expect_buffers(std::int64_t count) const {
    if (array.n_buffers != count)
      fail("the array has " + std::to_string(array.n_buffers) + " buffers, this type has " +
           std::to_string(count) + " (a malformed ArrowArray)");
    if (array.n_children != 0)
      fail("the array has " + std::to_string(array.n_children) +
           " children, this type has none (a malformed ArrowArray)");
    if (array.buffers == nullptr) fail("the buffers pointer is null (a malformed ArrowArray)");
    for (std::int64_t b = 1; b < count; ++b)
      if (array.buffers[b] == nullptr && n > 0)
        fail("buffer " + std::to_string(b) + " is a null pointer (a malformed ArrowArray)");
  }

  bool may_have_nulls() const {
    return array.n_buffers > 0 && array.buffers != nullptr && array.buffers[0] != nullptr &&
           array.null_count != 0;
  }
  bool valid(std::int64_t i) const {
    const auto *bits = static_cast<const std::uint8_t *>(array.buffers[0]);
    const std::int64_t p = phys(i);
    return (bits[p / 8] >> (p % 8)) & 1;
  }
  /// True if some row of the range is null.
  bool any_null() const {
    if (!may_have_nulls()) return false;
    for (std::int64_t i = 0; i < n; ++i)
      if (!valid(i)) return true;
    return false;
  }
  template <class T>
  const T *data(int buffer = 1) const {
    return static_cast<const T *>(array.buffers[buffer]);
  }
};

Series shared(const Column &c, DType dtype, const void *first) {
  return Series(dtype, static_cast<std::size_t>(c.n), c.owner, first, nullptr,
                quoted_name(c.schema), Index::range(static_cast<std::size_t>(c.n)));
}

template <class T>
Series make_from(const Column &c, DType dtype, std::size_t n, const detail::Buffer<T> &b) {
  return detail::make_series(dtype, n, b, quoted_name(c.schema), Index::range(n));
}

/// An integer column: int64 (shared for `l` without nulls), float64 with NaN when it has nulls.
template <class T>
Series import_integers(const Column &c) {
  c.expect_buffers(2);
  const std::size_t n = static_cast<std::size_t>(c.n);
  const T *x = c.data<T>() + (n > 0 ? c.phys(0) : 0);
  if (c.any_null()) {
    auto b = detail::alloc<double>(n);
    for (std::size_t i = 0; i < n; ++i)
      b.data[i] = c.valid(static_cast<std::int64_t>(i)) ? static_cast<double>(x[i]) : kNaN;
    return make_from(c, DType::float64, n, b);
  }
  if constexpr (std::is_same_v<T, std::int64_t>) {
    return shared(c, DType::int64, x);
  } else {
    auto b = detail::alloc<std::int64_t>(n);
    for (std::size_t i = 0; i < n; ++i) {
      if constexpr (std::is_same_v<T, std::uint64_t>) {
        if (x[i] > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
          c.fail("value " + std::to_string(x[i]) + " at row " + std::to_string(i) +
                 " does not fit in int64; cast the column to float64 or int64 first");
      }
      b.data[i] = static_cast<std::int64_t>(x[i]);
    }
    return make_from(c, DType::int64, n, b);
  }
}

template <class T>
Series import_floats(const Column &c) {
  c.expect_buffers(2);
  const std::size_t n = static_cast<std::size_t>(c.n);
  const T *x = c.data<T>() + (n > 0 ? c.phys(0) : 0);
  const bool nulls = c.any_null();
  if constexpr (std::is_same_v<T, double>) {
    if (!nulls) return shared(c, DType::float64, x);
  }
  auto b = detail::alloc<double>(n);
  for (std::size_t i = 0; i < n; ++i)
    b.data[i] = nulls && !c.valid(static_cast<std::int64_t>(i)) ? kNaN : static_cast<double>(x[i]);
  return make_from(c, DType::float64, n, b);
}

Series import_bools(const Column &c) {
  c.expect_buffers(2);
  if (c.any_null())
    c.fail(
        "the bool column has missing values, which a hamilton bool Series cannot hold; fill them "
        "first (pyarrow.compute.fill_null, polars fill_null) or cast the column to float64");
  const std::size_t n = static_cast<std::size_t>(c.n);
  const auto *bits = c.data<std::uint8_t>();
  auto b = detail::alloc<bool>(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::int64_t p = c.phys(static_cast<std::int64_t>(i));
    b.data[i] = (bits[p / 8] >> (p % 8)) & 1;
  }
  return make_from(c, DType::boolean, n, b);
}

/// Timestamps (`ts?:tz`) and dates (`tdD`, `tdm`): `factor` ns per unit.
template <class T>
Series import_times(const Column &c, std::int64_t factor, const char *unit,
                    DType dtype = DType::datetime) {
  c.expect_buffers(2);
  const std::size_t n = static_cast<std::size_t>(c.n);
  const T *x = c.data<T>() + (n > 0 ? c.phys(0) : 0);
  const bool nulls = c.any_null();
  if constexpr (std::is_same_v<T, std::int64_t>) {
    if (factor == 1 && !nulls) return shared(c, dtype, x);
  }
  auto b = detail::alloc<std::int64_t>(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (nulls && !c.valid(static_cast<std::int64_t>(i))) {
      b.data[i] = kNaT;
      continue;
    }
    std::int64_t ns = 0;
    if (__builtin_mul_overflow(static_cast<std::int64_t>(x[i]), factor, &ns) || ns == kNaT) {
      if (factor == 1 && ns == kNaT) {
        b.data[i] = kNaT;
        continue;
      }
      if (dtype == DType::timedelta)
        throw Error(c.what + ": row " + std::to_string(i) + ": " + std::to_string(x[i]) + " " +
                    unit +
                    " is outside the timedelta64[ns] range (about +-106751 days, pandas' "
                    "Timedelta.min .. Timedelta.max)");
      std::string value = std::to_string(x[i]) + " " + unit + " since the epoch";
      throw OutOfBoundsDatetime(
          c.what + ": row " + std::to_string(i) + ": " + detail::datetime_out_of_bounds(value),
          value);
    }
    b.data[i] = ns;
  }
  return make_from(c, dtype, n, b);
}

Series finish_strings(const Column &c, std::vector<std::string> values, std::vector<bool> missing,
                      bool any_missing) {
  const std::size_t n = values.size();
  if (!any_missing) return Series(std::move(values), quoted_name(c.schema), Index::range(n));
  return Series::strings(std::move(values), std::move(missing), quoted_name(c.schema),
                         Index::range(n));
}

template <class Offset>
Series import_strings(const Column &c) {
  c.expect_buffers(3);
  const std::size_t n = static_cast<std::size_t>(c.n);
  const Offset *off = c.data<Offset>(1);
  const char *chars = c.data<char>(2);
  std::vector<std::string> values(n);
  std::vector<bool> missing(n, false);
  bool any_missing = false;
  const bool nulls = c.may_have_nulls();
  for (std::size_t i = 0; i < n; ++i) {
    const auto row = static_cast<std::int64_t>(i);
    if (nulls && !c.valid(row)) {
      missing[i] = any_missing = true;
      continue;
    }
    const std::int64_t p = c.phys(row);
    const auto begin = static_cast<std::int64_t>(off[p]);
    const auto end = static_cast<std::int64_t>(off[p + 1]);
    if (end < begin) c.fail("offsets decrease at row " + std::to_string(i));
    values[i].assign(chars + begin, static_cast<std::size_t>(end - begin));
  }
  return finish_strings(c, std::move(values), std::move(missing), any_missing);
}

/// Arrow's string view (`vu`): 16-byte views, inline up to 12 bytes, else (prefix, buffer
/// index, offset) into the variadic data buffers.
Series import_string_views(const Column &c) {
  const ArrowArray &a = c.array;
  if (a.n_buffers < 3 || a.buffers == nullptr || a.n_children != 0)
    c.fail("a string view array has at least 3 buffers and no children, this one has " +
           std::to_string(a.n_buffers) + " buffers and " + std::to_string(a.n_children) +
           " children (a malformed ArrowArray)");
  const std::size_t n = static_cast<std::size_t>(c.n);
  const std::int64_t n_data = a.n_buffers - 3;
  const auto *views = c.data<std::uint8_t>(1);
  if (views == nullptr && n > 0) c.fail("buffer 1 is a null pointer (a malformed ArrowArray)");
  std::vector<std::string> values(n);
  std::vector<bool> missing(n, false);
  bool any_missing = false;
  const bool nulls = c.may_have_nulls();
  for (std::size_t i = 0; i < n; ++i) {
    const auto row = static_cast<std::int64_t>(i);
    if (nulls && !c.valid(row)) {
      missing[i] = any_missing = true;
      continue;
    }
    const std::uint8_t *v = views + 16 * c.phys(row);
    std::int32_t size = 0;
    std::memcpy(&size, v, 4);
    if (size < 0) c.fail("negative string length at row " + std::to_string(i));
    if (size <= 12) {
      values[i].assign(reinterpret_cast<const char *>(v + 4), static_cast<std::size_t>(size));
      continue;
    }
    std::int32_t buffer = 0, offset = 0;
    std::memcpy(&buffer, v + 8, 4);
    std::memcpy(&offset, v + 12, 4);
    if (buffer < 0 || buffer >= n_data || offset < 0)
      c.fail("row " + std::to_string(i) + " refers to data buffer " + std::to_string(buffer) +
             " of " + std::to_string(n_data) + " (a malformed ArrowArray)");
    const char *data = static_cast<const char *>(a.buffers[2 + buffer]);
    values[i].assign(data + offset, static_cast<std::size_t>(size));
  }
  return finish_strings(c, std::move(values), std::move(missing), any_missing);
}

/// Decimals (`d:precision,scale[,bitwidth]`, 128 or 64 bits) as float64 (the nearest double:
/// exact to about 15 significant digits). Nulls become NaN.
Series import_decimals(const Column &c, std::string_view format) {
  int precision = 0, scale = 0, bits = 128;
  const std::string spec(format.substr(2));
  if (std::sscanf(spec.c_str(), "%d,%d,%d", &precision, &scale, &bits) < 2 ||
      (bits != 128 && bits != 64))
    c.fail("only 64- and 128-bit decimals are supported; cast the column to float64 first");
  c.expect_buffers(2);
  const std::size_t n = static_cast<std::size_t>(c.n);
  const bool nulls = c.any_null();
  const double divisor = std::pow(10.0, scale);
  const auto *raw = c.data<std::uint8_t>();
  auto b = detail::alloc<double>(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto row = static_cast<std::int64_t>(i);
    if (nulls && !c.valid(row)) {
      b.data[i] = kNaN;
      continue;
    }
    const std::uint8_t *p = raw + (bits / 8) * c.phys(row);
    double v = 0;
    if (bits == 64) {
      std::int64_t x = 0;
      std::memcpy(&x, p, 8);
      v = static_cast<double>(x);
    } else {
      Int128 x = 0;  // little-endian two's complement, as Arrow stores it
      std::memcpy(&x, p, 16);
      v = static_cast<double>(x);
    }
    b.data[i] = v / divisor;
  }
  return make_from(c, DType::float64, n, b);
}

Series import_nulls(const Column &c) {
  const std::size_t n = static_cast<std::size_t>(c.n);
  auto b = detail::alloc<double>(n);
  std::fill(b.data, b.data + n, kNaN);
  return make_from(c, DType::float64, n, b);
}

constexpr const char *kSupported =
    "hamilton reads float64 'g', float32 'f', integers 'l i s c L I S C', bool 'b', timestamps "
    "'tsn: tsu: tsm: tss:', dates 'tdD tdm', durations 'tDn tDu tDm tDs', strings 'u U vu', "
    "decimals 'd:p,s' (as float64) "
    "and the null type 'n'";

Series import_column(const Column &c) {
  if (c.schema.format == nullptr) c.fail("the schema's format is a null pointer");
  if (c.schema.dictionary != nullptr || c.array.dictionary != nullptr)
    c.fail(
        "dictionary-encoded (categorical) columns are not supported; decode it first (pyarrow: "
        "array.dictionary_decode(), polars: .cast(pl.String))");
  const std::string_view f(c.schema.format);
  if (c.array.length < c.start + c.n)
    c.fail("the array has " + std::to_string(c.array.length) + " rows, the table " +
           std::to_string(c.start + c.n) + " (a malformed ArrowArray)");
  if (f == "g") return import_floats<double>(c);
  if (f == "f") return import_floats<float>(c);
  if (f == "l") return import_integers<std::int64_t>(c);
  if (f == "i") return import_integers<std::int32_t>(c);
  if (f == "s") return import_integers<std::int16_t>(c);
  if (f == "c") return import_integers<std::int8_t>(c);
  if (f == "L") return import_integers<std::uint64_t>(c);
  if (f == "I") return import_integers<std::uint32_t>(c);
  if (f == "S") return import_integers<std::uint16_t>(c);
  if (f == "C") return import_integers<std::uint8_t>(c);
  if (f == "b") return import_bools(c);
  if (f == "u") return import_strings<std::int32_t>(c);
  if (f == "U") return import_strings<std::int64_t>(c);
  if (f == "vu") return import_string_views(c);
  if (f == "n") return import_nulls(c);
  if (f.size() > 2 && f.substr(0, 2) == "d:") return import_decimals(c, f);
  if (f == "tdD") return import_times<std::int32_t>(c, 86'400'000'000'000, "days");
  if (f == "tdm") return import_times<std::int64_t>(c, 1'000'000, "ms");
  if (f == "tDn") return import_times<std::int64_t>(c, 1, "ns", DType::timedelta);
  if (f == "tDu") return import_times<std::int64_t>(c, 1'000, "us", DType::timedelta);
  if (f == "tDm") return import_times<std::int64_t>(c, 1'000'000, "ms", DType::timedelta);
  if (f == "tDs") return import_times<std::int64_t>(c, 1'000'000'000, "s", DType::timedelta);
  if (f.size() >= 4 && f.substr(0, 2) == "ts" && f[3] == ':') {
    switch (f[2]) {
      case 'n':
        return import_times<std::int64_t>(c, 1, "ns");
      case 'u':
        return import_times<std::int64_t>(c, 1'000, "us");
      case 'm':
        return import_times<std::int64_t>(c, 1'000'000, "ms");
      case 's':
        return import_times<std::int64_t>(c, 1'000'000'000, "s");
      default:
        break;
    }
  }
  if (f == "+s")
    c.fail(
        "a struct column (nested table) is not supported; flatten it first (pyarrow: "
        "Table.flatten(), polars: unnest)");
  c.fail(std::string("this Arrow type is not supported; ") + kSupported +
         ". Cast the column first (pyarrow.compute.cast, polars .cast)");
}

std::string column_what(const char *function, const ArrowSchema &schema) {
  std::string out = std::string(function) + " of column '" + quoted_name(schema) + "'";
  if (schema.format != nullptr) out += " (format '" + std::string(schema.format) + "')";
  return out;
}

DataFrame frame_from_struct(const std::shared_ptr<Imported> &holder, const ArrowSchema &schema,
                            const char *function) {
  const ArrowArray &a = holder->array;
  const std::string_view f(schema.format != nullptr ? schema.format : "");
  if (f != "+s")
    throw Error(std::string(function) +
                ": expected a struct array (format '+s': a record batch "
                "or table), got format '" +
                std::string(f) + "'; import a single column with import_series");
  if (schema.n_children != a.n_children)
    throw Error(std::string(function) + ": the schema has " + std::to_string(schema.n_children) +
                " children but the array " + std::to_string(a.n_children) +
                " (a malformed ArrowArray: they must describe the same columns)");
  if (a.n_children > 0 && (a.children == nullptr || schema.children == nullptr))
    throw Error(std::string(function) + ": the children pointer is null (a malformed ArrowArray)");
  if (a.n_buffers >= 1 && a.buffers != nullptr && a.buffers[0] != nullptr && a.null_count != 0)
    throw Error(std::string(function) +
                ": the struct array has null rows, which a DataFrame cannot hold; a record batch "
                "has none (pyarrow: RecordBatch.from_struct_array after filling them)");
  std::vector<Series> columns;
  columns.reserve(static_cast<std::size_t>(a.n_children));
  std::shared_ptr<const void> owner = holder;
  for (std::int64_t k = 0; k < a.n_children; ++k) {
    const ArrowArray *child = a.children[k];
    const ArrowSchema *child_schema = schema.children[k];
    if (child == nullptr || child_schema == nullptr)
      throw Error(std::string(function) + ": child " + std::to_string(k) +
                  " is a null pointer (a malformed ArrowArray)");
    if (child->release == nullptr)
      throw Error(std::string(function) + ": child " + std::to_string(k) +
                  " was already released (moved out of the struct); export the data again");
    Column c{*child,   *child_schema, a.offset,
             a.length, owner,         column_what(function, *child_schema)};
    columns.push_back(import_column(c));
  }
  if (columns.empty()) return DataFrame();
  return DataFrame(std::move(columns));
}

// ---- concatenation of stream batches -----------------------------------------------------

Series concat(const std::vector<Series> &parts, const std::string &name) {
  DType target = parts.front().dtype();
  for (const Series &p : parts) {
    if (p.dtype() == target) continue;
    const bool numeric = (p.dtype() == DType::float64 || p.dtype() == DType::int64) &&
                         (target == DType::float64 || target == DType::int64);
    if (!numeric)
      throw Error("Arrow stream import of column '" + name + "': batches hold " +
                  std::string(dtype_name(target)) + " and " + std::string(dtype_name(p.dtype())) +
                  " values; every batch of a stream must have the same type");
    target = DType::float64;  // int64 batches with nulls became float64: so do all
  }
  std::size_t n = 0;
  for (const Series &p : parts) n += p.size();
  switch (target) {
    case DType::float64: {
      std::vector<double> v;
      v.reserve(n);
      for (const Series &p : parts) {
        auto d = p.to_doubles();
        v.insert(v.end(), d.begin(), d.end());
      }
      return Series(std::move(v), name);
    }
    case DType::int64:
    case DType::datetime:
    case DType::timedelta: {
      std::vector<std::int64_t> v;
      v.reserve(n);
      for (const Series &p : parts) {
        auto d = p.values<std::int64_t>();
        v.insert(v.end(), d.begin(), d.end());
      }
      return target == DType::int64      ? Series(std::move(v), name)
             : target == DType::datetime ? Series::datetime(std::move(v), name)
                                         : Series::timedelta(std::move(v), name);
    }
    case DType::boolean: {
      std::vector<bool> v;
      v.reserve(n);
      for (const Series &p : parts)
        for (bool b : p.values<bool>()) v.push_back(b);
      return Series(std::move(v), name);
    }
    case DType::string: {
      std::vector<std::string> v;
      std::vector<bool> missing;
      v.reserve(n);
      missing.reserve(n);
      for (const Series &p : parts) {
        auto d = p.values<std::string>();
        v.insert(v.end(), d.begin(), d.end());
        for (std::size_t i = 0; i < p.size(); ++i) missing.push_back(p.is_missing(i));
      }
      return Series::strings(std::move(v), std::move(missing), name);
    }
  }
  throw Error("Arrow stream import: unknown dtype");
}

/// An empty column of the type `format` imports as (for a stream without batches).
Series empty_of(const ArrowSchema &schema, const char *function) {
  ArrowArray empty{};
  const void *buffers[3] = {nullptr, nullptr, nullptr};
  static const std::int64_t zero64 = 0;
  buffers[1] = &zero64;
  buffers[2] = &zero64;
  empty.buffers = buffers;
  const std::string_view f(schema.format != nullptr ? schema.format : "");
  empty.n_buffers = (f == "u" || f == "U" || f == "vu") ? 3 : (f == "n" ? 0 : 2);
  Column c{empty, schema, 0, 0, nullptr, column_what(function, schema)};
  return import_column(c);
}

/// Owns a moved-in stream and releases it at the end of a scope.
struct StreamGuard {
  ArrowArrayStream stream{};
  ~StreamGuard() {
    if (stream.release != nullptr) stream.release(&stream);
  }
  [[noreturn]] void fail(const char *function, const char *what, int code) {
    const char *msg = stream.get_last_error != nullptr ? stream.get_last_error(&stream) : nullptr;
    throw Error(std::string(function) + ": the stream's " + what + " failed (error " +
                std::to_string(code) + (msg != nullptr ? std::string(": ") + msg : std::string()) +
                ")");
  }
};

void take_stream(ArrowArrayStream *stream, StreamGuard &guard, const char *function) {
  if (stream == nullptr)
    throw Error(std::string(function) + ": the ArrowArrayStream is a null pointer");
  if (stream->release == nullptr)
    throw Error(std::string(function) +
                ": the ArrowArrayStream was already released (consumed); ask the producer for "
                "a new stream");
  guard.stream = *stream;
  stream->release = nullptr;
}

/// Reads every batch of the stream: `on_batch(holder, schema)` for each.
template <class OnBatch>
void read_stream(StreamGuard &g, ArrowSchema &schema, const char *function, OnBatch on_batch) {
  schema = ArrowSchema{};
  if (int rc = g.stream.get_schema(&g.stream, &schema); rc != 0) g.fail(function, "get_schema", rc);
  for (;;) {
    ArrowArray batch{};
    if (int rc = g.stream.get_next(&g.stream, &batch); rc != 0) g.fail(function, "get_next", rc);
    if (batch.release == nullptr) break;
    on_batch(take(&batch, function));
  }
}

}  // namespace

// ---- public API --------------------------------------------------------------------------

void export_series_schema(const Series &s, ArrowSchema *schema) {
  require(schema, "the ArrowSchema");
  init_schema(schema, format_of(s), s.name());
}

void export_series(const Series &s, ArrowArray *out, ArrowSchema *schema) {
  require(out, "the ArrowArray");
  require(schema, "the ArrowSchema");
  export_column(s, out);
  try {
    export_series_schema(s, schema);
  } catch (...) {
    release_array(out);
    throw;
  }
}

void export_frame_schema(const DataFrame &df, ArrowSchema *schema) {
  require(schema, "the ArrowSchema");
  struct_schema(df, schema);
}

void export_frame(const DataFrame &df, ArrowArray *out, ArrowSchema *schema) {
  require(out, "the ArrowArray");
  require(schema, "the ArrowSchema");
  export_struct(df, out);
  try {
    struct_schema(df, schema);
  } catch (...) {
    release_array(out);
    throw;
  }
}

void export_frame_stream(const DataFrame &df, ArrowArrayStream *out, std::size_t batch_rows) {
  require(out, "the ArrowArrayStream");
  auto *d = new StreamData();
  d->frame = df;
  d->batch_rows = batch_rows;
  init_stream(out, d);
}

void export_series_stream(const Series &s, ArrowArrayStream *out, std::size_t batch_rows) {
  require(out, "the ArrowArrayStream");
  auto *d = new StreamData();
  d->is_frame = false;
  d->series = s;
  d->batch_rows = batch_rows;
  init_stream(out, d);
}

Series import_series(ArrowArray *array, ArrowSchema *schema) {
  constexpr const char *fn = "Arrow import";
  SchemaGuard guard{schema != nullptr && schema->release != nullptr ? schema : nullptr};
  std::shared_ptr<Imported> holder = take(array, fn);
  check_schema(schema, fn);
  if (schema->format != nullptr && std::string_view(schema->format) == "+s")
    throw Error(std::string(fn) + " of '" + quoted_name(*schema) +
                "': a struct array (a record batch or table) is a DataFrame; use import_frame");
  const ArrowArray &a = holder->array;
  Column c{a, *schema, 0, a.length, holder, column_what(fn, *schema)};
  return import_column(c);
}

DataFrame import_frame(ArrowArray *array, ArrowSchema *schema) {
  constexpr const char *fn = "Arrow import";
  SchemaGuard guard{schema != nullptr && schema->release != nullptr ? schema : nullptr};
  std::shared_ptr<Imported> holder = take(array, fn);
  check_schema(schema, fn);
  return frame_from_struct(holder, *schema, fn);
}

DataFrame import_frame(ArrowArrayStream *stream) {
  constexpr const char *fn = "Arrow stream import";
  StreamGuard g;
  take_stream(stream, g, fn);
  ArrowSchema schema{};
  SchemaGuard sguard{&schema};
  std::vector<DataFrame> batches;
  read_stream(g, schema, fn, [&](const std::shared_ptr<Imported> &holder) {
    batches.push_back(frame_from_struct(holder, schema, fn));
  });
  if (batches.size() == 1) return batches.front();
  const std::string_view f(schema.format != nullptr ? schema.format : "");
  if (f != "+s")
    throw Error(std::string(fn) +
                ": expected a stream of record batches (format '+s'), got "
                "format '" +
                std::string(f) + "'; import a stream of arrays with import_series");
  std::vector<Series> columns;
  for (std::int64_t k = 0; k < schema.n_children; ++k) {
    const ArrowSchema &cs = *schema.children[k];
    if (batches.empty()) {
      columns.push_back(empty_of(cs, fn));
      continue;
    }
    std::vector<Series> parts;
    for (const DataFrame &b : batches) parts.push_back(b.column(static_cast<std::size_t>(k)));
    columns.push_back(concat(parts, quoted_name(cs)));
  }
  if (columns.empty()) return DataFrame();
  return DataFrame(std::move(columns));
}

Series import_series(ArrowArrayStream *stream) {
  constexpr const char *fn = "Arrow stream import";
  StreamGuard g;
  take_stream(stream, g, fn);
  ArrowSchema schema{};
  SchemaGuard sguard{&schema};
  std::vector<Series> parts;
  read_stream(g, schema, fn, [&](const std::shared_ptr<Imported> &holder) {
    if (schema.format != nullptr && std::string_view(schema.format) == "+s")
      throw Error(std::string(fn) + " of '" + quoted_name(schema) +
                  "': a stream of record batches is a DataFrame; use import_frame");
    const ArrowArray &a = holder->array;
    Column c{a, schema, 0, a.length, holder, column_what(fn, schema)};
    parts.push_back(import_column(c));
  });
  if (parts.size() == 1) return parts.front();
  if (parts.empty()) return empty_of(schema, fn);
  return concat(parts, quoted_name(schema));
}

}  // namespace hamilton
