// hamilton::Series: construction, access, element-wise transforms, selection,
// comparison.
#include "hamilton/frame/series.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <ostream>

#include "internal.hpp"

namespace hamilton {

using detail::alloc;
using detail::make_series;
using detail::Scalar;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Index index_or_range(std::optional<Index> index, std::size_t n, const std::string &name) {
  if (!index) return Index::range(n);
  if (index->size() != n)
    throw Error("Series '" + name + "': index has " + std::to_string(index->size()) +
                " labels but there are " + std::to_string(n) + " values");
  return std::move(*index);
}

template <class T>
std::shared_ptr<const void> own(std::vector<T> &&v, const void *&data) {
  auto p = std::make_shared<const std::vector<T>>(std::move(v));
  data = p->data();
  return p;
}
}  // namespace

Series::Series() : index_(Index::range(0)) {}

Series::Series(DType dtype, std::size_t size, std::shared_ptr<const void> owner, const void *data,
               std::shared_ptr<const std::vector<bool>> str_na, std::string name, Index index)
    : dtype_(dtype),
      size_(size),
      owner_(std::move(owner)),
      data_(data),
      str_na_(std::move(str_na)),
      name_(std::move(name)),
      index_(std::move(index)) {}

Series::Series(std::vector<double> values, std::string name, std::optional<Index> index)
    : dtype_(DType::float64), size_(values.size()), name_(std::move(name)) {
  index_ = index_or_range(std::move(index), size_, name_);
  owner_ = own(std::move(values), data_);
}

Series::Series(std::vector<std::int64_t> values, std::string name, std::optional<Index> index)
    : dtype_(DType::int64), size_(values.size()), name_(std::move(name)) {
  index_ = index_or_range(std::move(index), size_, name_);
  owner_ = own(std::move(values), data_);
}

Series::Series(std::vector<bool> values, std::string name, std::optional<Index> index)
    : dtype_(DType::boolean), size_(values.size()), name_(std::move(name)) {
  index_ = index_or_range(std::move(index), size_, name_);
  auto b = alloc<bool>(size_);
  for (std::size_t i = 0; i < size_; ++i) b.data[i] = values[i];
  owner_ = b.owner;
  data_ = b.data;
}

Series::Series(std::vector<std::string> values, std::string name, std::optional<Index> index)
    : dtype_(DType::string), size_(values.size()), name_(std::move(name)) {
  index_ = index_or_range(std::move(index), size_, name_);
  owner_ = own(std::move(values), data_);
}

Series::Series(std::initializer_list<int> values, std::string name, std::optional<Index> index)
    : Series(std::vector<std::int64_t>(values.begin(), values.end()), std::move(name),
             std::move(index)) {}
Series::Series(std::initializer_list<double> values, std::string name, std::optional<Index> index)
    : Series(std::vector<double>(values), std::move(name), std::move(index)) {}
Series::Series(std::initializer_list<bool> values, std::string name, std::optional<Index> index)
    : Series(std::vector<bool>(values), std::move(name), std::move(index)) {}
Series::Series(std::initializer_list<const char *> values, std::string name,
               std::optional<Index> index)
    : Series(std::vector<std::string>(values.begin(), values.end()), std::move(name),
             std::move(index)) {}

Series Series::strings(std::vector<std::string> values, std::vector<bool> missing, std::string name,
                       std::optional<Index> index) {
  if (missing.size() != values.size())
    throw Error("Series::strings '" + name + "': " + std::to_string(values.size()) +
                " values but a missing-mask of " + std::to_string(missing.size()));
  Series s(std::move(values), std::move(name), std::move(index));
  for (std::size_t i = 0; i < missing.size(); ++i) {
    if (missing[i]) {
      s.str_na_ = std::make_shared<const std::vector<bool>>(std::move(missing));
      break;
    }
  }
  return s;
}

Series Series::datetime(std::vector<std::int64_t> ns, std::string name,
                        std::optional<Index> index) {
  Series s(std::move(ns), std::move(name), std::move(index));
  s.dtype_ = DType::datetime;
  return s;
}

Series Series::timedelta(std::vector<std::int64_t> ns, std::string name,
                         std::optional<Index> index) {
  Series s(std::move(ns), std::move(name), std::move(index));
  s.dtype_ = DType::timedelta;
  return s;
}

Series Series::datetime_from_strings(const std::vector<std::string> &iso, std::string name,
                                     std::optional<Index> index) {
  std::vector<std::int64_t> ns(iso.size());
  for (std::size_t i = 0; i < iso.size(); ++i) {
    if (iso[i].empty() || iso[i] == "NaT") {
      ns[i] = kNaT;
      continue;
    }
    const std::string where =
        "Series::datetime_from_strings '" + name + "': row " + std::to_string(i) + ": ";
    switch (detail::parse_datetime_text(iso[i], ns[i])) {
      case detail::DatetimeText::ok:
        break;
      case detail::DatetimeText::out_of_bounds:
        throw OutOfBoundsDatetime(where + detail::datetime_out_of_bounds(iso[i]), iso[i]);
      case detail::DatetimeText::not_a_date:
        throw Error(where + "'" + iso[i] + "' is not an ISO date");
    }
  }
  return datetime(std::move(ns), std::move(name), std::move(index));
}

Series Series::full_scalar(std::size_t n, const Scalar &v, std::string name,
                           std::optional<Index> index) {
  Index ix = index_or_range(std::move(index), n, name);
  auto fill = [&]<class T>(const T &value) {
    auto b = alloc<T>(n);
    std::fill(b.data, b.data + n, value);
    return make_series(v.dtype, n, b, std::move(name), std::move(ix));
  };
  switch (v.dtype) {
    case DType::float64:
      return fill(v.f);
    case DType::int64:
    case DType::datetime:
    case DType::timedelta:
      return fill(v.i);
    case DType::boolean:
      return fill(v.b);
    case DType::string:
      return fill(v.s);
  }
  return {};
}

Series Series::rename(std::string name) const {
  Series s = *this;
  s.name_ = std::move(name);
  return s;
}

Series Series::with_index(Index index) const {
  if (index.size() != size_)
    throw Error("Series::with_index: " + describe() + " cannot take an index of " +
                std::to_string(index.size()) + " labels");
  Series s = *this;
  s.index_ = std::move(index);
  return s;
}

void Series::throw_access(const char *type) const {
  throw Error(std::string("Series::values/at<") + type + ">: " + describe() +
              " does not hold that type");
}
void Series::throw_out_of_range(std::size_t i) const {
  throw Error("Series::at: position " + std::to_string(i) + " is out of range for " + describe());
}
void Series::throw_map(const char *why) const {
  throw Error(std::string("Series::map: ") + why + " (" + describe() + ")");
}

std::string Series::describe() const {
  std::string out = name_.empty() ? "unnamed " : "";
  out += detail::dtype_label(dtype_) + " column";
  if (!name_.empty()) out += " '" + name_ + "'";
  out += " (" + std::to_string(size_) + (size_ == 1 ? " row)" : " rows)");
  return out;
}

void detail::throw_dtype(std::string_view what, const Series &s, std::string_view expected) {
  throw Error(std::string(what) + ": needs " + std::string(expected) + ", got " + s.describe());
}

double Series::as_double(std::size_t i) const {
  if (i >= size_) throw_out_of_range(i);
  switch (dtype_) {
    case DType::float64:
      return static_cast<const double *>(data_)[i];
    case DType::int64:
      return static_cast<double>(static_cast<const std::int64_t *>(data_)[i]);
    case DType::boolean:
      return static_cast<const bool *>(data_)[i] ? 1.0 : 0.0;
    case DType::datetime:
    case DType::timedelta: {
      auto v = static_cast<const std::int64_t *>(data_)[i];
      return v == kNaT ? kNaN : static_cast<double>(v);
    }
    case DType::string:
      break;
  }
  detail::throw_dtype("Series::as_double", *this, "a numeric, datetime or timedelta column");
}

bool Series::is_missing(std::size_t i) const {
  switch (dtype_) {
    case DType::float64:
      return std::isnan(static_cast<const double *>(data_)[i]);
    case DType::datetime:
    case DType::timedelta:
      return static_cast<const std::int64_t *>(data_)[i] == kNaT;
    case DType::string:
      return str_na_ && (*str_na_)[i];
    default:
      return false;
  }
}

std::vector<double> Series::to_doubles() const {
  std::vector<double> out(size_);
  switch (dtype_) {
    case DType::float64: {
      auto *p = static_cast<const double *>(data_);
      std::copy(p, p + size_, out.begin());
      break;
    }
    case DType::int64: {
      auto *p = static_cast<const std::int64_t *>(data_);
      for (std::size_t i = 0; i < size_; ++i) out[i] = static_cast<double>(p[i]);
      break;
    }
    case DType::boolean: {
      auto *p = static_cast<const bool *>(data_);
      for (std::size_t i = 0; i < size_; ++i) out[i] = p[i] ? 1.0 : 0.0;
      break;
    }
    default:
      detail::throw_dtype("Series::to_doubles", *this, "a numeric column");
  }
  return out;
}

std::string Series::to_string_at(std::size_t i) const {
  if (i >= size_) throw_out_of_range(i);
  switch (dtype_) {
    case DType::float64: {
      double v = static_cast<const double *>(data_)[i];
      return std::isnan(v) ? "NaN" : detail::python_float_repr(v);
    }
    case DType::int64:
      return std::to_string(static_cast<const std::int64_t *>(data_)[i]);
    case DType::boolean:
      return static_cast<const bool *>(data_)[i] ? "True" : "False";
    case DType::string:
      return is_missing(i) ? "NaN" : static_cast<const std::string *>(data_)[i];
    case DType::datetime: {
      auto v = static_cast<const std::int64_t *>(data_)[i];
      return format_datetime(v, false, v % 1000000000 ? 9 : 0);
    }
    case DType::timedelta:
      return format_timedelta(static_cast<const std::int64_t *>(data_)[i]);
  }
  return {};
}

// ---------------------------------------------------------------- unary
// element-wise

namespace {
template <class F>
Series map_double(const Series &s, F f, const char *what) {
  if (!is_numeric(s.dtype())) detail::throw_dtype(what, s, "a numeric column");
  const std::size_t n = s.size();
  auto b = alloc<double>(n);
  if (s.dtype() == DType::float64) {
    const double *x = s.values<double>().data();
    for (std::size_t i = 0; i < n; ++i) b.data[i] = f(x[i]);
  } else {
    for (std::size_t i = 0; i < n; ++i) b.data[i] = f(s.as_double(i));
  }
  return make_series(DType::float64, n, b, s.name(), s.index());
}

Series as_int64(const Series &s) {  // bool → int64
  if (s.dtype() != DType::boolean) return s;
  return s.astype(DType::int64);
}

// A timedelta column with `f` applied to every value but NaT (kTimedeltaMin .. kTimedeltaMax
// is symmetric, so negation and abs stay in range).
template <class F>
Series map_timedelta(const Series &s, F f) {
  const std::size_t n = s.size();
  auto b = alloc<std::int64_t>(n);
  const std::int64_t *x = s.values<std::int64_t>().data();
  for (std::size_t i = 0; i < n; ++i) b.data[i] = x[i] == kNaT ? kNaT : f(x[i]);
  return make_series(DType::timedelta, n, b, s.name(), s.index());
}
}  // namespace

Series Series::operator-() const {
  if (dtype_ == DType::timedelta) return map_timedelta(*this, [](std::int64_t v) { return -v; });
  if (dtype_ == DType::int64 || dtype_ == DType::boolean) {
    Series s = as_int64(*this);
    auto b = alloc<std::int64_t>(size_);
    const auto *x = static_cast<const std::int64_t *>(s.data_);
    for (std::size_t i = 0; i < size_; ++i)
      b.data[i] = static_cast<std::int64_t>(0ULL - static_cast<std::uint64_t>(x[i]));
    return make_series(DType::int64, size_, b, name_, index_);
  }
  return map_double(
      *this, [](double v) { return -v; }, "Series unary '-'");
}

Series Series::operator~() const {
  if (dtype_ != DType::boolean) detail::throw_dtype("Series '~'", *this, "a bool column");
  auto b = alloc<bool>(size_);
  const bool *x = static_cast<const bool *>(data_);
  for (std::size_t i = 0; i < size_; ++i) b.data[i] = !x[i];
  return make_series(DType::boolean, size_, b, name_, index_);
}

Series Series::abs() const {
  if (dtype_ == DType::timedelta)
    return map_timedelta(*this, [](std::int64_t v) { return v < 0 ? -v : v; });
  if (dtype_ == DType::int64 || dtype_ == DType::boolean) {
    Series s = as_int64(*this);
    auto b = alloc<std::int64_t>(size_);
    const auto *x = static_cast<const std::int64_t *>(s.data_);
    for (std::size_t i = 0; i < size_; ++i)
      b.data[i] =
          x[i] < 0 ? static_cast<std::int64_t>(0ULL - static_cast<std::uint64_t>(x[i])) : x[i];
    return make_series(DType::int64, size_, b, name_, index_);
  }
  return map_double(
      *this, [](double v) { return std::fabs(v); }, "Series::abs");
}

Series Series::pow(double e) const {
  return map_double(
      *this, [e](double v) { return std::pow(v, e); }, "Series::pow");
}
Series Series::log() const {
  return map_double(
      *this, [](double v) { return std::log(v); }, "Series::log");
}
Series Series::exp() const {
  return map_double(
      *this, [](double v) { return std::exp(v); }, "Series::exp");
}
Series Series::sqrt() const {
  return map_double(
      *this, [](double v) { return std::sqrt(v); }, "Series::sqrt");
}

Series Series::clip(std::optional<double> lower, std::optional<double> upper) const {
  if (lower && upper && *lower > *upper)
    throw Error("Series::clip: lower bound " + detail::python_float_repr(*lower) +
                " is greater than upper bound " + detail::python_float_repr(*upper));
  auto integral = [](std::optional<double> v) { return !v || v == std::trunc(*v); };
  if ((dtype_ == DType::int64 || dtype_ == DType::boolean) && integral(lower) && integral(upper)) {
    Series s = as_int64(*this);
    auto b = alloc<std::int64_t>(size_);
    const auto *x = static_cast<const std::int64_t *>(s.data_);
    for (std::size_t i = 0; i < size_; ++i) {
      std::int64_t v = x[i];
      if (lower && static_cast<double>(v) < *lower) v = static_cast<std::int64_t>(*lower);
      if (upper && static_cast<double>(v) > *upper) v = static_cast<std::int64_t>(*upper);
      b.data[i] = v;
    }
    return make_series(DType::int64, size_, b, name_, index_);
  }
  return map_double(
      *this,
      [lower, upper](double v) {
        if (std::isnan(v)) return v;
        if (lower && v < *lower) v = *lower;
        if (upper && v > *upper) v = *upper;
        return v;
      },
      "Series::clip");
}

Series Series::isna() const {
  auto b = alloc<bool>(size_);
  for (std::size_t i = 0; i < size_; ++i) b.data[i] = is_missing(i);
  return make_series(DType::boolean, size_, b, name_, index_);
}

Series Series::notna() const {
  auto b = alloc<bool>(size_);
  for (std::size_t i = 0; i < size_; ++i) b.data[i] = !is_missing(i);
  return make_series(DType::boolean, size_, b, name_, index_);
}

// ---------------------------------------------------------------- selection

Series Series::slice(std::size_t begin, std::size_t end) const {
  end = std::min(end, size_);
  begin = std::min(begin, end);
  if (begin == 0 && end == size_) return *this;
  const std::size_t n = end - begin;
  Index ix = index_.slice(begin, end);
  std::shared_ptr<const std::vector<bool>> na;
  if (str_na_) {
    auto m = std::vector<bool>(str_na_->begin() + begin, str_na_->begin() + end);
    if (std::find(m.begin(), m.end(), true) != m.end())
      na = std::make_shared<const std::vector<bool>>(std::move(m));
  }
  auto copy = [&]<class T>(const T *x) {
    auto b = alloc<T>(n);
    std::copy(x + begin, x + end, b.data);
    return make_series(dtype_, n, b, name_, std::move(ix), std::move(na));
  };
  switch (dtype_) {
    case DType::float64:
      return copy(static_cast<const double *>(data_));
    case DType::int64:
    case DType::datetime:
    case DType::timedelta:
      return copy(static_cast<const std::int64_t *>(data_));
    case DType::boolean:
      return copy(static_cast<const bool *>(data_));
    case DType::string:
      return copy(static_cast<const std::string *>(data_));
  }
  return {};
}

Series Series::head(std::size_t n) const { return slice(0, n); }
Series Series::tail(std::size_t n) const { return slice(size_ - std::min(n, size_), size_); }

Series Series::take(const std::vector<std::size_t> &pos, const Index &index) const {
  const std::size_t n = pos.size();
  if (index.size() != n)
    throw Error("Series::take: " + std::to_string(n) + " positions but an index of " +
                std::to_string(index.size()) + " labels");
  bool any_missing = false;
  for (auto p : pos) {
    if (p == detail::npos)
      any_missing = true;
    else if (p >= size_)
      throw_out_of_range(p);
  }
  if ((dtype_ == DType::int64 || dtype_ == DType::boolean) && any_missing) {
    auto b = alloc<double>(n);
    for (std::size_t i = 0; i < n; ++i)
      b.data[i] = pos[i] == detail::npos ? kNaN : as_double(pos[i]);
    return make_series(DType::float64, n, b, name_, index);
  }
  switch (dtype_) {
    case DType::float64: {
      auto b = alloc<double>(n);
      const double *x = static_cast<const double *>(data_);
      for (std::size_t i = 0; i < n; ++i) b.data[i] = pos[i] == detail::npos ? kNaN : x[pos[i]];
      return make_series(dtype_, n, b, name_, index);
    }
    case DType::int64:
    case DType::datetime:
    case DType::timedelta: {
      auto b = alloc<std::int64_t>(n);
      const auto *x = static_cast<const std::int64_t *>(data_);
      for (std::size_t i = 0; i < n; ++i) b.data[i] = pos[i] == detail::npos ? kNaT : x[pos[i]];
      return make_series(dtype_, n, b, name_, index);
    }
    case DType::boolean: {
      auto b = alloc<bool>(n);
      const bool *x = static_cast<const bool *>(data_);
      for (std::size_t i = 0; i < n; ++i) b.data[i] = x[pos[i]];
      return make_series(dtype_, n, b, name_, index);
    }
    case DType::string: {
      auto b = alloc<std::string>(n);
      const auto *x = static_cast<const std::string *>(data_);
      std::vector<bool> na(n, false);
      bool has_na = false;
      for (std::size_t i = 0; i < n; ++i) {
        if (pos[i] == detail::npos || is_missing(pos[i])) {
          na[i] = has_na = true;
        } else {
          b.data[i] = x[pos[i]];
        }
      }
      return make_series(
          dtype_, n, b, name_, index,
          has_na ? std::make_shared<const std::vector<bool>>(std::move(na)) : nullptr);
    }
  }
  return {};
}

Series Series::reindex(const Index &index) const {
  if (index.same(index_) || index.equals(index_)) return with_index(index);
  return take(detail::index_positions(index_, index, "Series::reindex '" + name_ + "'"), index);
}

// ---------------------------------------------------------------- where /
// fillna / astype

Series Series::where(const Series &cond) const { return where_impl(cond, Scalar{}, false, false); }
Series Series::mask(const Series &cond) const { return where_impl(cond, Scalar{}, true, false); }

Series Series::where_impl(const Series &cond_in, const Scalar &other, bool invert,
                          bool has_other) const {
  const char *what = invert ? "Series::mask" : "Series::where";
  if (cond_in.dtype() != DType::boolean)
    throw Error(std::string(what) + ": the condition must be a bool column, got " +
                cond_in.describe() + " for " + describe());
  // Align the condition on this Series' index; labels it lacks count as false
  // (pandas).
  std::vector<char> keep(size_);
  if (cond_in.index().same(index_) || cond_in.index().equals(index_)) {
    const bool *c = static_cast<const bool *>(cond_in.data_);
    for (std::size_t i = 0; i < size_; ++i) keep[i] = c[i] != invert;
  } else {
    auto pos = detail::index_positions(cond_in.index(), index_, what);
    const bool *c = static_cast<const bool *>(cond_in.data_);
    for (std::size_t i = 0; i < size_; ++i)
      keep[i] = (pos[i] == detail::npos ? false : c[pos[i]]) != invert;
  }
  bool any_replaced = std::find(keep.begin(), keep.end(), 0) != keep.end();
  if (!any_replaced) return *this;
  std::string bad =
      "cannot fill " + describe() + " with a " + detail::dtype_label(other.dtype) + " value";
  if (!has_other) {
    if (dtype_ == DType::string) {
      std::vector<bool> na(size_);
      for (std::size_t i = 0; i < size_; ++i) na[i] = !keep[i] || is_missing(i);
      auto v = values<std::string>();
      return Series::strings({v.begin(), v.end()}, std::move(na), name_, index_);
    }
    if (detail::is_ns_dtype(dtype_)) {
      auto b = alloc<std::int64_t>(size_);
      const auto *x = static_cast<const std::int64_t *>(data_);
      for (std::size_t i = 0; i < size_; ++i) b.data[i] = keep[i] ? x[i] : kNaT;
      return make_series(dtype_, size_, b, name_, index_);
    }
    auto b = alloc<double>(size_);
    for (std::size_t i = 0; i < size_; ++i) b.data[i] = keep[i] ? as_double(i) : kNaN;
    return make_series(DType::float64, size_, b, name_, index_);
  }
  switch (dtype_) {
    case DType::string: {
      if (other.dtype != DType::string) throw Error(std::string(what) + ": " + bad);
      auto b = alloc<std::string>(size_);
      const auto *x = static_cast<const std::string *>(data_);
      std::vector<bool> na(size_, false);
      bool has_na = false;
      for (std::size_t i = 0; i < size_; ++i) {
        if (!keep[i])
          b.data[i] = other.s;
        else if (is_missing(i))
          na[i] = has_na = true;
        else
          b.data[i] = x[i];
      }
      return make_series(
          dtype_, size_, b, name_, index_,
          has_na ? std::make_shared<const std::vector<bool>>(std::move(na)) : nullptr);
    }
    case DType::datetime:
    case DType::timedelta: {
      if (other.dtype != DType::int64 && other.dtype != dtype_)
        throw Error(std::string(what) + ": " + bad);
      auto b = alloc<std::int64_t>(size_);
      const auto *x = static_cast<const std::int64_t *>(data_);
      for (std::size_t i = 0; i < size_; ++i) b.data[i] = keep[i] ? x[i] : other.i;
      return make_series(dtype_, size_, b, name_, index_);
    }
    case DType::boolean:
      if (other.dtype == DType::boolean) {
        auto b = alloc<bool>(size_);
        const bool *x = static_cast<const bool *>(data_);
        for (std::size_t i = 0; i < size_; ++i) b.data[i] = keep[i] ? x[i] : other.b;
        return make_series(dtype_, size_, b, name_, index_);
      }
      [[fallthrough]];
    case DType::int64:
      if (other.dtype == DType::int64 || other.dtype == DType::boolean) {
        Series s = as_int64(*this);
        auto b = alloc<std::int64_t>(size_);
        const auto *x = static_cast<const std::int64_t *>(s.data_);
        const std::int64_t o = other.dtype == DType::int64 ? other.i : other.b;
        for (std::size_t i = 0; i < size_; ++i) b.data[i] = keep[i] ? x[i] : o;
        return make_series(DType::int64, size_, b, name_, index_);
      }
      [[fallthrough]];
    case DType::float64: {
      if (!is_numeric(other.dtype)) throw Error(std::string(what) + ": " + bad);
      auto b = alloc<double>(size_);
      const double o = other.as_double();
      for (std::size_t i = 0; i < size_; ++i) b.data[i] = keep[i] ? as_double(i) : o;
      return make_series(DType::float64, size_, b, name_, index_);
    }
  }
  return *this;
}

Series Series::fillna_impl(const Scalar &value) const {
  switch (dtype_) {
    case DType::int64:
    case DType::boolean:
      return *this;  // cannot hold missing values
    case DType::float64: {
      if (!is_numeric(value.dtype))
        throw Error("Series::fillna: cannot fill " + describe() + " with a " +
                    detail::dtype_label(value.dtype) + " value");
      return where_impl(notna(), value, false, true);
    }
    case DType::string:
      if (value.dtype != DType::string)
        throw Error("Series::fillna: cannot fill " + describe() + " with a " +
                    detail::dtype_label(value.dtype) + " value");
      return where_impl(notna(), value, false, true);
    case DType::datetime:
    case DType::timedelta:
      if (value.dtype != DType::int64 && value.dtype != dtype_)
        throw Error("Series::fillna: cannot fill " + describe() + " with a " +
                    detail::dtype_label(value.dtype) + " value (give nanoseconds as int64)");
      return where_impl(notna(), value, false, true);
  }
  return *this;
}

Series Series::ffill() const {
  switch (dtype_) {
    case DType::float64: {
      auto b = alloc<double>(size_);
      const double *x = static_cast<const double *>(data_);
      double last = kNaN;
      for (std::size_t i = 0; i < size_; ++i) b.data[i] = std::isnan(x[i]) ? last : (last = x[i]);
      return make_series(dtype_, size_, b, name_, index_);
    }
    case DType::datetime:
    case DType::timedelta: {
      auto b = alloc<std::int64_t>(size_);
      const auto *x = static_cast<const std::int64_t *>(data_);
      std::int64_t last = kNaT;
      for (std::size_t i = 0; i < size_; ++i) b.data[i] = x[i] == kNaT ? last : (last = x[i]);
      return make_series(dtype_, size_, b, name_, index_);
    }
    case DType::string: {
      if (!str_na_) return *this;
      std::vector<std::size_t> pos(size_);
      std::size_t last = detail::npos;
      for (std::size_t i = 0; i < size_; ++i) pos[i] = is_missing(i) ? last : (last = i);
      return take(pos, index_);
    }
    default:
      return *this;
  }
}

Series Series::astype(DType to) const {
  if (to == dtype_) return *this;
  const std::string what = "Series::astype(" + std::string(hamilton::dtype_name(to)) + ")";
  auto fail = [&](const std::string &why) -> Series {
    throw Error(what + ": cannot convert " + describe() + ": " + why);
  };
  const std::size_t n = size_;
  if ((to == DType::timedelta && dtype_ != DType::int64 && dtype_ != DType::float64) ||
      (dtype_ == DType::timedelta && to != DType::int64 && to != DType::string &&
       to != DType::boolean))
    return fail(dtype_ == DType::timedelta
                    ? "a timedelta converts to int64 (nanoseconds), string or bool only (pandas)"
                    : "timedelta64[ns] is made from int64 or float64 nanoseconds only (pandas)");
  if (to == DType::string) {
    const bool td_days = dtype_ == DType::timedelta &&
                         detail::timedelta_days_only(static_cast<const std::int64_t *>(data_), n);
    auto b = alloc<std::string>(n);
    std::vector<bool> na(n, false);
    bool has_na = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (dtype_ == DType::float64) {
        double v = static_cast<const double *>(data_)[i];
        b.data[i] = std::isnan(v) ? "nan" : detail::python_float_repr(v);
      } else if (dtype_ == DType::datetime) {
        auto v = static_cast<const std::int64_t *>(data_)[i];
        if (v == kNaT)
          na[i] = has_na = true;
        else
          b.data[i] = format_datetime(v, false, v % 1000000000 ? 9 : 0);
      } else if (dtype_ == DType::timedelta) {
        auto v = static_cast<const std::int64_t *>(data_)[i];
        if (v == kNaT)
          na[i] = has_na = true;
        else
          b.data[i] = format_timedelta(v, td_days);
      } else {
        b.data[i] = to_string_at(i);
      }
    }
    return make_series(to, n, b, name_, index_,
                       has_na ? std::make_shared<const std::vector<bool>>(std::move(na)) : nullptr);
  }
  if (dtype_ == DType::string) {
    const auto *x = static_cast<const std::string *>(data_);
    if (to == DType::boolean) {
      auto b = alloc<bool>(n);
      for (std::size_t i = 0; i < n; ++i) b.data[i] = is_missing(i) || !x[i].empty();
      return make_series(to, n, b, name_, index_);
    }
    if (to == DType::datetime) {
      std::vector<std::string> v(x, x + n);
      for (std::size_t i = 0; i < n; ++i)
        if (is_missing(i)) v[i].clear();
      return datetime_from_strings(v, name_, index_);
    }
    auto b = alloc<double>(n);
    for (std::size_t i = 0; i < n; ++i) {
      if (is_missing(i)) {
        b.data[i] = kNaN;
        continue;
      }
      const char *s = x[i].c_str();
      char *end = nullptr;
      double v = std::strtod(s, &end);
      if (x[i].empty() || *end != '\0')
        return fail("'" + x[i] + "' at row " + std::to_string(i) + " is not a number");
      b.data[i] = v;
    }
    Series f = make_series(DType::float64, n, b, name_, index_);
    return to == DType::float64 ? f : f.astype(to);
  }
  if (to == DType::float64) {
    if (dtype_ == DType::datetime) return fail("datetimes do not convert to float64");
    return map_double(
        *this, [](double v) { return v; }, what.c_str());
  }
  if (to == DType::boolean) {
    auto b = alloc<bool>(n);
    for (std::size_t i = 0; i < n; ++i) {
      if (dtype_ == DType::float64)
        b.data[i] = static_cast<const double *>(data_)[i] != 0.0;
      else
        b.data[i] = static_cast<const std::int64_t *>(data_)[i] != 0;
    }
    return make_series(to, n, b, name_, index_);
  }
  // to int64 or datetime
  auto b = alloc<std::int64_t>(n);
  for (std::size_t i = 0; i < n; ++i) {
    switch (dtype_) {
      case DType::float64: {
        double v = static_cast<const double *>(data_)[i];
        if (to == DType::timedelta && std::isnan(v)) {  // NaN is NaT (pandas)
          b.data[i] = kNaT;
          break;
        }
        if (!std::isfinite(v))
          return fail("non-finite value (NaN or inf) at row " + std::to_string(i));
        // [-2^63, 2^63): the doubles that convert to an int64 (others are undefined behaviour)
        const bool in_int64 = v >= -0x1p63 && v < 0x1p63;
        const std::int64_t x = in_int64 ? static_cast<std::int64_t>(v) : 0;
        if (to == DType::datetime && (!in_int64 || x == kNaT)) {
          const std::string value = detail::python_float_repr(v) + " ns";
          throw OutOfBoundsDatetime(what + ": cannot convert " + describe() + ": row " +
                                        std::to_string(i) + ": " +
                                        detail::datetime_out_of_bounds(value),
                                    value);
        }
        if (!in_int64 || (to == DType::timedelta && x == kNaT))
          return fail("value " + detail::python_float_repr(v) + " at row " + std::to_string(i) +
                      " is outside the " +
                      (to == DType::timedelta ? "timedelta64[ns] range" : "int64 range"));
        b.data[i] = x;
        break;
      }
      case DType::boolean:
        b.data[i] = static_cast<const bool *>(data_)[i];
        break;
      default:
        b.data[i] = static_cast<const std::int64_t *>(data_)[i];
        break;
    }
  }
  return make_series(to, n, b, name_, index_);
}

// ---------------------------------------------------------------- comparison

bool Series::equals(const Series &o) const {
  if (dtype_ != o.dtype_ || size_ != o.size_ || !index_.equals(o.index_)) return false;
  if (data_ == o.data_ && str_na_ == o.str_na_) return true;
  for (std::size_t i = 0; i < size_; ++i) {
    bool ma = is_missing(i), mb = o.is_missing(i);
    if (ma != mb) return false;
    if (ma) continue;
    switch (dtype_) {
      case DType::float64:
        if (static_cast<const double *>(data_)[i] != static_cast<const double *>(o.data_)[i])
          return false;
        break;
      case DType::int64:
      case DType::datetime:
      case DType::timedelta:
        if (static_cast<const std::int64_t *>(data_)[i] !=
            static_cast<const std::int64_t *>(o.data_)[i])
          return false;
        break;
      case DType::boolean:
        if (static_cast<const bool *>(data_)[i] != static_cast<const bool *>(o.data_)[i])
          return false;
        break;
      case DType::string:
        if (static_cast<const std::string *>(data_)[i] !=
            static_cast<const std::string *>(o.data_)[i])
          return false;
        break;
    }
  }
  return true;
}

bool Series::approx_equal(const Series &o, double rtol, double atol) const {
  if (size_ != o.size_ || !index_.equals(o.index_)) return false;
  if (is_numeric(dtype_) && is_numeric(o.dtype_)) {
    for (std::size_t i = 0; i < size_; ++i) {
      double a = as_double(i), b = o.as_double(i);
      if (std::isnan(a) || std::isnan(b)) {
        if (std::isnan(a) != std::isnan(b)) return false;
        continue;
      }
      if (a == b) continue;  // also equal infinities
      if (!(std::fabs(a - b) <= atol + rtol * std::fabs(b))) return false;
    }
    return true;
  }
  return dtype_ == o.dtype_ && equals(o);
}

std::ostream &operator<<(std::ostream &os, const Series &s) {
  std::string out = s.to_string();
  if (!out.empty()) out += '\n';
  if (!s.name().empty()) out += "Name: " + s.name() + ", ";
  out += "dtype: " + std::string(s.dtype_name());
  return os << out;
}

}  // namespace hamilton
