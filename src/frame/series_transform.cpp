// Element-wise transforms: isin, between, round, rank, bfill, interpolate, replace.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <string>
#include <unordered_set>
#include <vector>

#include "hamilton/frame/series.hpp"
#include "internal.hpp"

namespace hamilton {

using detail::alloc;
using detail::make_series;
using detail::Scalar;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::shared_ptr<const std::vector<bool>> mask_or_null(std::vector<bool> na) {
  if (std::find(na.begin(), na.end(), true) == na.end()) return nullptr;
  return std::make_shared<const std::vector<bool>>(std::move(na));
}

// Whether a scalar equals element i (numbers by value across int/float/bool, NaN == NaN).
bool scalar_matches(const Series &s, std::size_t i, const Scalar &v) {
  switch (s.dtype()) {
    case DType::string:
      if (s.is_missing(i)) return v.dtype == DType::float64 && std::isnan(v.f);
      return v.dtype == DType::string && s.values<std::string>()[i] == v.s;
    case DType::datetime:
    case DType::timedelta: {
      const std::int64_t x = s.values<std::int64_t>()[i];
      if (x == kNaT) return v.dtype == DType::float64 && std::isnan(v.f);
      return (v.dtype == DType::int64 || v.dtype == s.dtype()) && v.i == x;
    }
    default: {
      if (!is_numeric(v.dtype)) return false;
      const double x = s.as_double(i);
      const double y = v.as_double();
      return x == y || (std::isnan(x) && std::isnan(y));
    }
  }
}
}  // namespace

// ---------------------------------------------------------------- isin

Series Series::isin(const Series &values) const {
  std::vector<Scalar> v;
  v.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    Scalar sc;
    sc.dtype = values.dtype();
    if (values.is_missing(i)) {
      sc.dtype = DType::float64;
      sc.f = kNaN;
    } else if (values.dtype() == DType::float64) {
      sc.f = values.values<double>()[i];
    } else if (values.dtype() == DType::int64 || detail::is_ns_dtype(values.dtype())) {
      sc.i = values.values<std::int64_t>()[i];
      if (detail::is_ns_dtype(values.dtype())) sc.dtype = DType::int64;
    } else if (values.dtype() == DType::boolean) {
      sc.b = values.values<bool>()[i];
    } else {
      sc.s = values.values<std::string>()[i];
    }
    v.push_back(std::move(sc));
  }
  return isin_impl(v);
}

Series Series::isin_impl(const std::vector<Scalar> &values) const {
  auto b = alloc<bool>(size_);
  if (dtype_ == DType::string) {
    std::unordered_set<std::string> set;
    bool nan = false;
    for (const auto &v : values) {
      if (v.dtype == DType::string) set.insert(v.s);
      if (v.dtype == DType::float64 && std::isnan(v.f)) nan = true;
    }
    const std::string *x = static_cast<const std::string *>(data_);
    for (std::size_t i = 0; i < size_; ++i) b.data[i] = is_missing(i) ? nan : set.count(x[i]) > 0;
  } else if (detail::is_ns_dtype(dtype_)) {
    std::unordered_set<std::int64_t> set;
    bool nat = false;
    for (const auto &v : values) {
      if (v.dtype == DType::int64 || v.dtype == dtype_) set.insert(v.i);
      if (v.dtype == DType::float64 && std::isnan(v.f)) nat = true;
    }
    const auto *x = static_cast<const std::int64_t *>(data_);
    for (std::size_t i = 0; i < size_; ++i) b.data[i] = x[i] == kNaT ? nat : set.count(x[i]) > 0;
  } else {
    std::vector<double> sorted;
    bool nan = false;
    for (const auto &v : values) {
      if (!is_numeric(v.dtype)) continue;
      const double d = v.as_double();
      if (std::isnan(d))
        nan = true;
      else
        sorted.push_back(d);
    }
    std::sort(sorted.begin(), sorted.end());
    if (dtype_ == DType::int64) {  // integral wanted values only, compared as int64
      std::vector<std::int64_t> ints;
      for (double d : sorted)
        if (d == std::trunc(d) && d >= -9.2e18 && d <= 9.2e18)
          ints.push_back(static_cast<std::int64_t>(d));
      for (const auto &v : values)
        if (v.dtype == DType::int64) ints.push_back(v.i);  // exact beyond 2^53
      std::sort(ints.begin(), ints.end());
      const auto *x = static_cast<const std::int64_t *>(data_);
      for (std::size_t i = 0; i < size_; ++i)
        b.data[i] = std::binary_search(ints.begin(), ints.end(), x[i]);
    } else if (dtype_ == DType::float64) {
      const double *x = static_cast<const double *>(data_);
      for (std::size_t i = 0; i < size_; ++i)
        b.data[i] = std::isnan(x[i]) ? nan : std::binary_search(sorted.begin(), sorted.end(), x[i]);
    } else {
      const bool *x = static_cast<const bool *>(data_);
      const bool has0 = std::binary_search(sorted.begin(), sorted.end(), 0.0);
      const bool has1 = std::binary_search(sorted.begin(), sorted.end(), 1.0);
      for (std::size_t i = 0; i < size_; ++i) b.data[i] = x[i] ? has1 : has0;
    }
  }
  return make_series(DType::boolean, size_, b, name_, index_);
}

// ---------------------------------------------------------------- between

Series Series::between_impl(const Scalar &left, const Scalar &right, Inclusive inclusive) const {
  auto fits = [&](const Scalar &v) {
    if (is_numeric(dtype_)) return is_numeric(v.dtype);
    if (dtype_ == DType::datetime) return v.dtype == DType::int64;
    if (dtype_ == DType::timedelta) return v.dtype == DType::int64 || v.dtype == dtype_;
    return v.dtype == dtype_;
  };
  for (const Scalar *v : {&left, &right})
    if (!fits(*v))
      throw Error("Series::between: cannot compare " + describe() + " with a " +
                  detail::dtype_label(v->dtype) + " bound" +
                  (dtype_ == DType::datetime    ? " (give datetime bounds as int64 nanoseconds)"
                   : dtype_ == DType::timedelta ? " (give timedelta bounds as int64 nanoseconds)"
                                                : ""));
  const bool lo = inclusive == Inclusive::both || inclusive == Inclusive::left;
  const bool hi = inclusive == Inclusive::both || inclusive == Inclusive::right;
  auto bound = [&](const Scalar &v) {  // int64 nanoseconds as a duration for timedeltas
    Scalar out = v;
    if (dtype_ == DType::timedelta) out.dtype = DType::timedelta;
    return out;
  };
  Series a = detail::binary(lo ? detail::BinOp::ge : detail::BinOp::gt, *this, bound(left), false);
  Series b = detail::binary(hi ? detail::BinOp::le : detail::BinOp::lt, *this, bound(right), false);
  return detail::binary(detail::BinOp::and_, a, b);
}

// ---------------------------------------------------------------- round

Series Series::round(int decimals) const {
  switch (dtype_) {
    case DType::float64: {
      auto b = alloc<double>(size_);
      const double *x = static_cast<const double *>(data_);
      if (decimals >= 0) {
        const double f = std::pow(10.0, decimals);
        for (std::size_t i = 0; i < size_; ++i) b.data[i] = std::nearbyint(x[i] * f) / f;
      } else {
        const double f = std::pow(10.0, -decimals);
        for (std::size_t i = 0; i < size_; ++i) b.data[i] = std::nearbyint(x[i] / f) * f;
      }
      return make_series(dtype_, size_, b, name_, index_);
    }
    case DType::int64: {
      if (decimals >= 0) return *this;
      if (decimals < -18) return Series::full(size_, std::int64_t{0}, name_, index_);
      std::int64_t f = 1;
      for (int k = 0; k < -decimals; ++k) f *= 10;
      auto b = alloc<std::int64_t>(size_);
      const auto *x = static_cast<const std::int64_t *>(data_);
      for (std::size_t i = 0; i < size_; ++i) {  // half to even, like numpy
        std::int64_t q = x[i] / f, r = x[i] % f;
        if (r < 0) {
          r += f;
          --q;
        }
        if (2 * r > f || (2 * r == f && (q & 1))) ++q;
        b.data[i] = q * f;
      }
      return make_series(dtype_, size_, b, name_, index_);
    }
    case DType::boolean:
      return *this;
    default:
      detail::throw_dtype("Series::round", *this, "a numeric column");
  }
}

// ---------------------------------------------------------------- rank

Series Series::rank(RankMethod method, bool ascending) const {
  std::vector<std::size_t> order;
  order.reserve(size_);
  for (std::size_t i = 0; i < size_; ++i)
    if (!is_missing(i)) order.push_back(i);
  auto sort_by = [&](auto key) {
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return ascending ? key(a) < key(b) : key(b) < key(a);
    });
  };
  auto same = [&](std::size_t a, std::size_t b) {
    if (dtype_ == DType::string) return values<std::string>()[a] == values<std::string>()[b];
    if (detail::is_ns_dtype(dtype_)) return values<std::int64_t>()[a] == values<std::int64_t>()[b];
    if (dtype_ == DType::int64) return values<std::int64_t>()[a] == values<std::int64_t>()[b];
    return as_double(a) == as_double(b);
  };
  switch (dtype_) {
    case DType::string: {
      const std::string *x = static_cast<const std::string *>(data_);
      sort_by([x](std::size_t i) -> const std::string & { return x[i]; });
      break;
    }
    case DType::int64:
    case DType::datetime:
    case DType::timedelta: {
      const auto *x = static_cast<const std::int64_t *>(data_);
      sort_by([x](std::size_t i) { return x[i]; });
      break;
    }
    default:
      sort_by([this](std::size_t i) { return as_double(i); });
  }
  auto b = alloc<double>(size_);
  std::fill(b.data, b.data + size_, kNaN);
  double dense = 0;
  for (std::size_t g = 0; g < order.size();) {
    std::size_t e = g + 1;
    while (e < order.size() && same(order[g], order[e])) ++e;
    dense += 1;
    for (std::size_t k = g; k < e; ++k) {
      double r = 0;
      switch (method) {
        case RankMethod::average:
          r = (static_cast<double>(g + 1) + static_cast<double>(e)) / 2.0;
          break;
        case RankMethod::min:
          r = static_cast<double>(g + 1);
          break;
        case RankMethod::max:
          r = static_cast<double>(e);
          break;
        case RankMethod::first:
          r = static_cast<double>(k + 1);
          break;
        case RankMethod::dense:
          r = dense;
          break;
      }
      b.data[order[k]] = r;
    }
    g = e;
  }
  return make_series(DType::float64, size_, b, name_, index_);
}

// ---------------------------------------------------------------- bfill, interpolate

Series Series::bfill() const {
  switch (dtype_) {
    case DType::float64: {
      auto b = alloc<double>(size_);
      const double *x = static_cast<const double *>(data_);
      double next = kNaN;
      for (std::size_t i = size_; i-- > 0;) b.data[i] = std::isnan(x[i]) ? next : (next = x[i]);
      return make_series(dtype_, size_, b, name_, index_);
    }
    case DType::datetime:
    case DType::timedelta: {
      auto b = alloc<std::int64_t>(size_);
      const auto *x = static_cast<const std::int64_t *>(data_);
      std::int64_t next = kNaT;
      for (std::size_t i = size_; i-- > 0;) b.data[i] = x[i] == kNaT ? next : (next = x[i]);
      return make_series(dtype_, size_, b, name_, index_);
    }
    case DType::string: {
      if (!str_na_) return *this;
      std::vector<std::size_t> pos(size_);
      std::size_t next = detail::npos;
      for (std::size_t i = size_; i-- > 0;) pos[i] = is_missing(i) ? next : (next = i);
      return take(pos, index_);
    }
    default:
      return *this;
  }
}

Series Series::interpolate() const {
  if (dtype_ == DType::int64 || dtype_ == DType::boolean || dtype_ == DType::string)
    return *this;  // pandas returns these unchanged
  if (dtype_ != DType::float64)
    detail::throw_dtype("Series::interpolate", *this, "a numeric column");
  const double *x = static_cast<const double *>(data_);
  auto b = alloc<double>(size_);
  std::copy(x, x + size_, b.data);
  std::size_t prev = detail::npos;  // last valid position
  for (std::size_t i = 0; i < size_; ++i) {
    if (std::isnan(x[i])) continue;
    if (prev != detail::npos && i > prev + 1) {
      // numpy.interp: slope * (x - xp[j]) + fp[j]
      const double slope = (x[i] - x[prev]) / static_cast<double>(i - prev);
      for (std::size_t k = prev + 1; k < i; ++k) {
        double v = slope * static_cast<double>(k - prev) + x[prev];
        if (std::isnan(v)) {
          v = slope * (static_cast<double>(k) - static_cast<double>(i)) + x[i];
          if (std::isnan(v) && x[prev] == x[i]) v = x[prev];
        }
        b.data[k] = v;
      }
    }
    prev = i;
  }
  if (prev != detail::npos)
    for (std::size_t k = prev + 1; k < size_; ++k) b.data[k] = x[prev];
  return make_series(dtype_, size_, b, name_, index_);
}

// ---------------------------------------------------------------- replace

Series Series::replace_impl(const std::vector<std::pair<Scalar, Scalar>> &mapping) const {
  const std::string what = "Series::replace";
  // Which pair (if any) replaces each row: the first whose `old` matches the original value.
  std::vector<std::size_t> which(size_, detail::npos);
  bool to_float = false;
  for (std::size_t p = 0; p < mapping.size(); ++p) {
    const auto &[old, value] = mapping[p];
    bool used = false;
    for (std::size_t i = 0; i < size_; ++i)
      if (which[i] == detail::npos && scalar_matches(*this, i, old)) {
        which[i] = p;
        used = true;
      }
    if (!used) continue;
    const bool missing_new = value.dtype == DType::float64 && std::isnan(value.f);
    switch (dtype_) {
      case DType::string:
        if (value.dtype != DType::string && !missing_new)
          throw Error(what + ": cannot put a " + detail::dtype_label(value.dtype) + " value into " +
                      describe() + " (hamilton has no mixed object columns)");
        break;
      case DType::datetime:
      case DType::timedelta:
        if (value.dtype != DType::int64 && value.dtype != dtype_ && !missing_new)
          throw Error(what + ": cannot put a " + detail::dtype_label(value.dtype) + " value into " +
                      describe() + " (give datetimes as int64 nanoseconds)");
        break;
      case DType::boolean:
        if (value.dtype != DType::boolean)
          throw Error(what + ": cannot put a " + detail::dtype_label(value.dtype) + " value into " +
                      describe() + " (hamilton has no mixed object columns)");
        break;
      default:
        if (!is_numeric(value.dtype))
          throw Error(what + ": cannot put a " + detail::dtype_label(value.dtype) + " value into " +
                      describe() + " (hamilton has no mixed object columns)");
        if (dtype_ == DType::int64 && value.dtype == DType::float64) to_float = true;
    }
  }
  switch (dtype_) {
    case DType::string: {
      auto b = alloc<std::string>(size_);
      std::vector<bool> na(size_, false);
      const std::string *x = static_cast<const std::string *>(data_);
      for (std::size_t i = 0; i < size_; ++i) {
        if (which[i] == detail::npos) {
          if (is_missing(i))
            na[i] = true;
          else
            b.data[i] = x[i];
        } else if (mapping[which[i]].second.dtype == DType::string) {
          b.data[i] = mapping[which[i]].second.s;
        } else {
          na[i] = true;
        }
      }
      return make_series(dtype_, size_, b, name_, index_, mask_or_null(std::move(na)));
    }
    case DType::datetime:
    case DType::timedelta: {
      auto b = alloc<std::int64_t>(size_);
      const auto *x = static_cast<const std::int64_t *>(data_);
      for (std::size_t i = 0; i < size_; ++i) {
        if (which[i] == detail::npos)
          b.data[i] = x[i];
        else
          b.data[i] = mapping[which[i]].second.dtype == DType::int64 ||
                              mapping[which[i]].second.dtype == dtype_
                          ? mapping[which[i]].second.i
                          : kNaT;
      }
      return make_series(dtype_, size_, b, name_, index_);
    }
    case DType::boolean: {
      auto b = alloc<bool>(size_);
      const bool *x = static_cast<const bool *>(data_);
      for (std::size_t i = 0; i < size_; ++i)
        b.data[i] = which[i] == detail::npos ? x[i] : mapping[which[i]].second.b;
      return make_series(dtype_, size_, b, name_, index_);
    }
    case DType::int64:
      if (!to_float) {
        auto b = alloc<std::int64_t>(size_);
        const auto *x = static_cast<const std::int64_t *>(data_);
        for (std::size_t i = 0; i < size_; ++i) {
          if (which[i] == detail::npos) {
            b.data[i] = x[i];
          } else {
            const Scalar &v = mapping[which[i]].second;
            b.data[i] = v.dtype == DType::int64 ? v.i : v.b;
          }
        }
        return make_series(dtype_, size_, b, name_, index_);
      }
      [[fallthrough]];
    default: {
      auto b = alloc<double>(size_);
      for (std::size_t i = 0; i < size_; ++i)
        b.data[i] = which[i] == detail::npos ? as_double(i) : mapping[which[i]].second.as_double();
      return make_series(DType::float64, size_, b, name_, index_);
    }
  }
}

}  // namespace hamilton
