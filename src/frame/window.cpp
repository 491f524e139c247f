// Window and time-series operations (shift, diff, rolling, expanding, ewm,
// cumulative) and reductions. Algorithms follow pandas 1.5
// (window/aggregations.pyx, nanops.py) so results agree with pandas to the last
// bit in the common cases.
#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

#include "hamilton/frame/datetimes.hpp"
#include "hamilton/frame/series.hpp"
#include "internal.hpp"

namespace hamilton {

using detail::alloc;
using detail::make_series;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> numeric_values(const Series &s, const char *what) {
  if (!is_numeric(s.dtype())) detail::throw_dtype(what, s, "a numeric column");
  return s.to_doubles();
}

// ---- pandas' running-sum kernels (Kahan compensated add / remove) ----
struct SumState {
  std::int64_t nobs = 0, neg_ct = 0, same = 0;
  double sum = 0, comp_add = 0, comp_rem = 0, prev = 0;
  void add(double v) {
    if (std::isnan(v)) return;
    ++nobs;
    double y = v - comp_add;
    double t = sum + y;
    comp_add = t - sum - y;
    sum = t;
    if (std::signbit(v)) ++neg_ct;
    if (v == prev)
      ++same;
    else
      same = 1;
    prev = v;
  }
  void remove(double v) {
    if (std::isnan(v)) return;
    --nobs;
    double y = -v - comp_rem;
    double t = sum + y;
    comp_rem = t - sum - y;
    sum = t;
    if (std::signbit(v)) --neg_ct;
  }
  double mean(std::int64_t minp) const {
    if (nobs >= minp && nobs > 0) {
      double r = sum / static_cast<double>(nobs);
      if (same >= nobs)
        r = prev;
      else if (neg_ct == 0 && r < 0)
        r = 0;
      else if (neg_ct == nobs && r > 0)
        r = 0;
      return r;
    }
    return kNaN;
  }
  double total(std::int64_t minp) const {
    if (nobs == 0 && minp == 0) return 0;
    if (nobs >= minp) return same >= nobs ? prev * static_cast<double>(nobs) : sum;
    return kNaN;
  }
};

// ---- pandas' Welford variance kernels ----
struct VarState {
  double nobs = 0, mean = 0, ssqdm = 0, comp_add = 0, comp_rem = 0, prev = 0;
  std::int64_t same = 0;
  void add(double v) {
    if (std::isnan(v)) return;
    nobs += 1;
    if (v == prev)
      ++same;
    else
      same = 1;
    prev = v;
    double prev_mean = mean - comp_add;
    double y = v - comp_add;
    double t = y - mean;
    comp_add = t + mean - y;
    mean = nobs != 0 ? mean + t / nobs : 0;
    ssqdm += (v - prev_mean) * (v - mean);
  }
  void remove(double v) {
    if (std::isnan(v)) return;
    nobs -= 1;
    if (nobs != 0) {
      double prev_mean = mean - comp_rem;
      double y = v - comp_rem;
      double t = y - mean;
      comp_rem = t + mean - y;
      mean -= t / nobs;
      ssqdm -= (v - prev_mean) * (v - mean);
    } else {
      mean = 0;
      ssqdm = 0;
    }
  }
  double var(std::int64_t minp, int ddof) const {
    if (nobs >= static_cast<double>(minp) && nobs > ddof) {
      if (nobs == 1 || static_cast<double>(same) >= nobs) return 0;
      return ssqdm / (nobs - ddof);
    }
    return kNaN;
  }
};

// Runs an add/remove kernel over windows [start(i), i] for each row.
template <class State, class Start, class Out>
detail::PooledColumn<double> windowed(const std::vector<double> &v, Start start, Out out) {
  const std::size_t n = v.size();
  detail::PooledColumn<double> r(n);
  State st;
  std::size_t prev_s = 0, prev_e = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t s = start(i), e = i + 1;
    if (i == 0 || s >= prev_e) {
      st = State{};
      if (s < n) st.prev = v[s];
      st.same = 0;
      for (std::size_t j = s; j < e; ++j) st.add(v[j]);
    } else {
      for (std::size_t j = prev_s; j < s; ++j) st.remove(v[j]);
      for (std::size_t j = prev_e; j < e; ++j) st.add(v[j]);
    }
    r[i] = out(st);
    prev_s = s;
    prev_e = e;
  }
  return r;
}

// Min/max over windows [start(i), i] with a monotonic deque (NaN skipped):
// O(n).
template <class Start, class Better>
detail::PooledColumn<double> minmax(const std::vector<double> &v, Start start, std::size_t minp,
                                    Better better) {
  const std::size_t n = v.size();
  detail::PooledColumn<double> r(n);
  std::deque<std::size_t> dq;
  std::size_t nobs = 0, s_prev = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t s = start(i);
    for (std::size_t j = s_prev; j < s; ++j)
      if (!std::isnan(v[j])) --nobs;
    s_prev = s;
    if (!std::isnan(v[i])) {
      ++nobs;
      while (!dq.empty() && !better(v[dq.back()], v[i])) dq.pop_back();
      dq.push_back(i);
    }
    while (!dq.empty() && dq.front() < s) dq.pop_front();
    r[i] = nobs >= minp && nobs > 0 && !dq.empty() ? v[dq.front()] : kNaN;
  }
  return r;
}

Series float_result(const detail::PooledColumn<double> &r, const Series &like) {
  return r.series(DType::float64, like.name(), like.index());
}

void check_minp(std::size_t window, std::size_t minp) {
  if (window == 0) throw Error("Series::rolling: window must be at least 1");
  if (minp > window)
    throw Error("Series::rolling: min_periods " + std::to_string(minp) + " must be <= window " +
                std::to_string(window));
}
}  // namespace

// ---------------------------------------------------------------- shift / diff
// / pct_change

Series Series::shift(std::int64_t k) const {
  if (k == 0) return *this;
  const std::size_t n = size_;
  std::vector<std::size_t> pos(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::int64_t src = static_cast<std::int64_t>(i) - k;
    pos[i] = src >= 0 && src < static_cast<std::int64_t>(n) ? static_cast<std::size_t>(src)
                                                            : detail::npos;
  }
  bool any_missing = n > 0;  // a non-zero shift of a non-empty Series vacates rows
  if (!any_missing) return *this;
  return take(pos, index_);
}

Series Series::diff(std::int64_t k) const {
  if (dtype_ == DType::datetime || dtype_ == DType::timedelta)
    return *this - shift(k);  // timedelta64[ns], NaT where a side is missing (pandas)
  std::vector<double> v = numeric_values(*this, "Series::diff");
  const std::int64_t n = static_cast<std::int64_t>(v.size());
  detail::PooledColumn<double> r(v.size());
  for (std::int64_t i = 0; i < n; ++i) {
    std::int64_t j = i - k;
    r[i] = j >= 0 && j < n ? v[i] - v[j] : kNaN;
  }
  return float_result(r, *this);
}

Series Series::pct_change(std::int64_t k) const {
  std::vector<double> v = numeric_values(*this, "Series::pct_change");
  double last = kNaN;  // pandas forward-fills first (fill_method='pad')
  for (auto &x : v) x = std::isnan(x) ? last : (last = x);
  const std::int64_t n = static_cast<std::int64_t>(v.size());
  detail::PooledColumn<double> r(v.size());
  for (std::int64_t i = 0; i < n; ++i) {
    std::int64_t j = i - k;
    r[i] = j >= 0 && j < n ? v[i] / v[j] - 1.0 : kNaN;
  }
  return float_result(r, *this);
}

// ---------------------------------------------------------------- rolling

Rolling Series::rolling(std::size_t window, std::optional<std::size_t> min_periods) const {
  std::size_t minp = min_periods.value_or(window);
  check_minp(window, minp);
  if (!is_numeric(dtype_)) detail::throw_dtype("Series::rolling", *this, "a numeric column");
  return Rolling(*this, window, minp);
}

Rolling::Rolling(Series s, std::size_t window, std::size_t min_periods)
    : s_(std::move(s)), window_(window), min_periods_(min_periods) {
  check_minp(window_, min_periods_);
}

namespace {
struct FixedStart {
  std::size_t w;
  std::size_t operator()(std::size_t i) const { return i + 1 >= w ? i + 1 - w : 0; }
};
struct ZeroStart {
  std::size_t operator()(std::size_t) const { return 0; }
};
}  // namespace

namespace {
// Fixed-window sum/mean in O(n): a running sum (one add per row on the
// dependency chain) that is re-anchored with an exact window sum every 1024
// rows so rounding cannot drift. NaNs are skipped; pandas' artefact guards are
// kept (a window of identical values gives that value exactly; the sign of the
// result follows the signs of the inputs).
Series fast_rolling(const Series &s, std::size_t w, std::size_t minp_u, bool mean) {
  std::vector<double> converted;
  const double *a;
  if (s.dtype() == DType::float64) {
    a = s.values<double>().data();
  } else {
    converted = numeric_values(s, mean ? "Rolling::mean" : "Rolling::sum");
    a = converted.data();
  }
  const std::size_t n = s.size();
  const auto minp = static_cast<std::int64_t>(minp_u);
  auto b = alloc<double>(n);
  double *__restrict out = b.data;
  double sum = 0, prev = n ? a[0] : 0;
  std::int64_t nobs = 0, neg = 0, same = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = a[i];
    const bool ok = x == x;
    double delta = ok ? x : 0.0;
    nobs += ok;
    neg += ok && std::signbit(x);
    same = ok ? (x == prev ? same + 1 : 1) : same;  // branch-free
    prev = ok ? x : prev;
    if (i >= w) {
      const double y = a[i - w];
      const bool oky = y == y;
      delta -= oky ? y : 0.0;
      nobs -= oky;
      neg -= oky && std::signbit(y);
    }
    sum += delta;
    if ((i & 1023) == 1023) {  // re-anchor
      double exact = 0;
      for (std::size_t j = i + 1 >= w ? i + 1 - w : 0; j <= i; ++j)
        exact += a[j] == a[j] ? a[j] : 0.0;
      sum = exact;
    }
    double r;
    if (nobs == 0) {
      r = (!mean && minp == 0) ? 0.0 : kNaN;
    } else if (nobs < minp) {
      r = kNaN;
    } else if (same >= nobs) {
      r = mean ? prev : prev * static_cast<double>(nobs);
    } else {
      r = mean ? sum / static_cast<double>(nobs) : sum;
      if (neg == 0 && r < 0)
        r = 0;
      else if (neg == nobs && r > 0)
        r = 0;
    }
    out[i] = r;
  }
  return make_series(DType::float64, n, b, s.name(), s.index());
}
}  // namespace

Series Rolling::mean() const { return fast_rolling(s_, window_, min_periods_, true); }

Series Rolling::sum() const { return fast_rolling(s_, window_, min_periods_, false); }

Series Rolling::var(int ddof) const {
  auto v = numeric_values(s_, "Rolling::var");
  const auto minp = static_cast<std::int64_t>(min_periods_);
  return float_result(
      windowed<VarState>(v, FixedStart{window_},
                         [minp, ddof](const VarState &s) { return s.var(minp, ddof); }),
      s_);
}

Series Rolling::std(int ddof) const {
  auto v = numeric_values(s_, "Rolling::std");
  const auto minp = static_cast<std::int64_t>(min_periods_);
  return float_result(windowed<VarState>(v, FixedStart{window_},
                                         [minp, ddof](const VarState &s) {
                                           double r = s.var(minp, ddof);
                                           return r > 0 ? std::sqrt(r) : r == r ? 0.0 : r;
                                         }),
                      s_);
}

Series Rolling::min() const {
  auto v = numeric_values(s_, "Rolling::min");
  return float_result(minmax(v, FixedStart{window_}, min_periods_, std::less<double>()), s_);
}

Series Rolling::max() const {
  auto v = numeric_values(s_, "Rolling::max");
  return float_result(minmax(v, FixedStart{window_}, min_periods_, std::greater<double>()), s_);
}

Series Rolling::median() const {
  auto v = numeric_values(s_, "Rolling::median");
  const std::size_t n = v.size();
  detail::PooledColumn<double> r(n);
  std::vector<double> win;  // sorted non-NaN values of the window
  win.reserve(window_);
  FixedStart start{window_};
  for (std::size_t i = 0; i < n; ++i) {
    if (i >= window_ && !std::isnan(v[i - window_]))
      win.erase(std::lower_bound(win.begin(), win.end(), v[i - window_]));
    if (!std::isnan(v[i])) win.insert(std::upper_bound(win.begin(), win.end(), v[i]), v[i]);
    (void)start;
    const std::size_t k = win.size();
    if (k >= min_periods_ && k > 0)
      r[i] = k % 2 ? win[k / 2] : (win[k / 2 - 1] + win[k / 2]) / 2;
    else
      r[i] = kNaN;
  }
  return float_result(r, s_);
}

Series Rolling::count() const {
  const std::size_t n = s_.size();
  detail::PooledColumn<double> r(n);
  std::size_t c = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!s_.is_missing(i)) ++c;
    if (i >= window_ && !s_.is_missing(i - window_)) --c;
    r[i] = static_cast<double>(c);  // pandas 1.5: count ignores the default min_periods
  }
  return float_result(r, s_);
}

// ---------------------------------------------------------------- expanding

Expanding Series::expanding(std::size_t min_periods) const {
  if (!is_numeric(dtype_)) detail::throw_dtype("Series::expanding", *this, "a numeric column");
  return Expanding(*this, min_periods);
}

Expanding::Expanding(Series s, std::size_t min_periods)
    : s_(std::move(s)), min_periods_(min_periods) {}

Series Expanding::mean() const {
  auto v = numeric_values(s_, "Expanding::mean");
  const auto minp = static_cast<std::int64_t>(min_periods_);
  return float_result(
      windowed<SumState>(v, ZeroStart{}, [minp](const SumState &s) { return s.mean(minp); }), s_);
}
Series Expanding::sum() const {
  auto v = numeric_values(s_, "Expanding::sum");
  const auto minp = static_cast<std::int64_t>(min_periods_);
  return float_result(
      windowed<SumState>(v, ZeroStart{}, [minp](const SumState &s) { return s.total(minp); }), s_);
}
Series Expanding::min() const {
  auto v = numeric_values(s_, "Expanding::min");
  return float_result(minmax(v, ZeroStart{}, min_periods_, std::less<double>()), s_);
}
Series Expanding::max() const {
  auto v = numeric_values(s_, "Expanding::max");
  return float_result(minmax(v, ZeroStart{}, min_periods_, std::greater<double>()), s_);
}

// ---------------------------------------------------------------- ewm

Ewm Series::ewm(const EwmOptions &options) const {
  if (!is_numeric(dtype_)) detail::throw_dtype("Series::ewm", *this, "a numeric column");
  return Ewm(*this, options);
}

Ewm::Ewm(Series s, EwmOptions o) : s_(std::move(s)), alpha_(0), options_(o) {
  int given = o.span.has_value() + o.alpha.has_value() + o.com.has_value();
  if (given != 1) throw Error("Series::ewm: give exactly one of span, alpha, com");
  if (o.span) {
    if (*o.span < 1) throw Error("Series::ewm: span must satisfy span >= 1");
    alpha_ = 2.0 / (*o.span + 1.0);
  } else if (o.com) {
    if (*o.com < 0) throw Error("Series::ewm: com must satisfy com >= 0");
    alpha_ = 1.0 / (1.0 + *o.com);
  } else {
    if (!(*o.alpha > 0 && *o.alpha <= 1))
      throw Error("Series::ewm: alpha must satisfy 0 < alpha <= 1");
    alpha_ = *o.alpha;
  }
}

Series Ewm::mean() const {
  auto v = numeric_values(s_, "Ewm::mean");
  const std::size_t n = v.size();
  detail::PooledColumn<double> r(n);
  if (n == 0) return float_result(r, s_);
  const std::int64_t minp = std::max<std::int64_t>(options_.min_periods, 1);
  const double old_wt_factor = 1.0 - alpha_;
  const double new_wt = options_.adjust ? 1.0 : alpha_;
  double avg = v[0];
  bool is_obs = !std::isnan(avg);
  std::int64_t nobs = is_obs;
  r[0] = nobs >= minp ? avg : kNaN;
  double old_wt = 1.0;
  for (std::size_t i = 1; i < n; ++i) {
    const double cur = v[i];
    is_obs = !std::isnan(cur);
    nobs += is_obs;
    if (!std::isnan(avg)) {
      if (is_obs || !options_.ignore_na) {
        old_wt *= old_wt_factor;
        if (is_obs) {
          if (avg != cur) avg = ((old_wt * avg) + (new_wt * cur)) / (old_wt + new_wt);
          if (options_.adjust)
            old_wt += new_wt;
          else
            old_wt = 1.0;
        }
      }
    } else if (is_obs) {
      avg = cur;
    }
    r[i] = nobs >= minp ? avg : kNaN;
  }
  return float_result(r, s_);
}

// ---------------------------------------------------------------- cumulative

namespace {
template <class F>
Series cumulate(const Series &s, const char *what, double init, F f) {
  if (s.dtype() == DType::int64 || s.dtype() == DType::boolean) {
    Series is = s.astype(DType::int64);
    const auto *x = is.values<std::int64_t>().data();
    auto b = alloc<std::int64_t>(s.size());
    std::int64_t acc = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      acc = i == 0 ? x[0] : f(acc, x[i]);
      b.data[i] = acc;
    }
    return make_series(DType::int64, s.size(), b, s.name(), s.index());
  }
  if (s.dtype() != DType::float64) detail::throw_dtype(what, s, "a numeric column");
  const double *x = s.values<double>().data();
  auto b = alloc<double>(s.size());
  double acc = init;
  bool started = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (std::isnan(x[i])) {
      b.data[i] = kNaN;
      continue;
    }
    acc = started ? f(acc, x[i]) : x[i];
    started = true;
    b.data[i] = acc;
  }
  return make_series(DType::float64, s.size(), b, s.name(), s.index());
}

std::int64_t wrap(std::uint64_t v) { return static_cast<std::int64_t>(v); }
}  // namespace

Series Series::cumsum() const {
  return cumulate(*this, "Series::cumsum", 0, [](auto a, auto b) {
    if constexpr (std::is_integral_v<decltype(a)>)
      return wrap(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
    else
      return a + b;
  });
}
Series Series::cumprod() const {
  return cumulate(*this, "Series::cumprod", 1, [](auto a, auto b) {
    if constexpr (std::is_integral_v<decltype(a)>)
      return wrap(static_cast<std::uint64_t>(a) * static_cast<std::uint64_t>(b));
    else
      return a * b;
  });
}
Series Series::cummax() const {
  return cumulate(*this, "Series::cummax", 0, [](auto a, auto b) { return a < b ? b : a; });
}
Series Series::cummin() const {
  return cumulate(*this, "Series::cummin", 0, [](auto a, auto b) { return b < a ? b : a; });
}

// ---------------------------------------------------------------- reductions

double detail::pairwise_sum(const double *a, std::size_t n) {
  auto val = [](double x) { return std::isnan(x) ? 0.0 : x; };
  if (n < 8) {
    double res = 0.;  // numpy starts from -0.0 only for empty reductions; 0.0 is
                      // pandas' result
    for (std::size_t i = 0; i < n; ++i) res += val(a[i]);
    return res;
  }
  if (n <= 128) {
    double r[8];
    for (int k = 0; k < 8; ++k) r[k] = val(a[k]);
    std::size_t i;
    for (i = 8; i < n - (n % 8); i += 8)
      for (int k = 0; k < 8; ++k) r[k] += val(a[i + k]);
    double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) res += val(a[i]);
    return res;
  }
  std::size_t n2 = n / 2;
  n2 -= n2 % 8;
  return pairwise_sum(a, n2) + pairwise_sum(a + n2, n - n2);
}

namespace {
std::vector<double> present(const Series &s, const char *what) {
  std::vector<double> v = numeric_values(s, what);
  v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return std::isnan(x); }), v.end());
  return v;
}
}  // namespace

std::size_t Series::count() const {
  std::size_t c = 0;
  for (std::size_t i = 0; i < size_; ++i) c += !is_missing(i);
  return c;
}

namespace {
double td_double(std::optional<std::chrono::nanoseconds> v) {
  return v ? static_cast<double>(v->count()) : kNaN;
}
}  // namespace

double Series::sum() const {
  if (dtype_ == DType::timedelta) return static_cast<double>(timedelta_sum(*this).count());
  if (dtype_ == DType::int64 || dtype_ == DType::boolean) {
    Series is = astype(DType::int64);
    std::uint64_t acc = 0;
    for (auto v : is.values<std::int64_t>()) acc += static_cast<std::uint64_t>(v);
    return static_cast<double>(static_cast<std::int64_t>(acc));
  }
  auto v = numeric_values(*this, "Series::sum");
  return detail::pairwise_sum(v.data(), v.size());
}

double Series::mean() const {
  if (dtype_ == DType::timedelta) return td_double(timedelta_mean(*this));
  auto v = numeric_values(*this, "Series::mean");
  std::size_t c = 0;
  for (double x : v) c += !std::isnan(x);
  if (c == 0) return kNaN;
  return detail::pairwise_sum(v.data(), v.size()) / static_cast<double>(c);
}

double Series::var(int ddof) const {
  auto v = numeric_values(*this, "Series::var");
  std::size_t c = 0;
  for (double x : v) c += !std::isnan(x);
  if (static_cast<std::int64_t>(c) <= ddof) return kNaN;
  const double avg = detail::pairwise_sum(v.data(), v.size()) / static_cast<double>(c);
  for (double &x : v) x = std::isnan(x) ? kNaN : (avg - x) * (avg - x);
  return detail::pairwise_sum(v.data(), v.size()) /
         static_cast<double>(static_cast<std::int64_t>(c) - ddof);
}

double Series::std(int ddof) const { return std::sqrt(var(ddof)); }

double Series::min() const {
  if (dtype_ == DType::timedelta) return td_double(timedelta_min(*this));
  auto v = present(*this, "Series::min");
  return v.empty() ? kNaN : *std::min_element(v.begin(), v.end());
}

double Series::max() const {
  if (dtype_ == DType::timedelta) return td_double(timedelta_max(*this));
  auto v = present(*this, "Series::max");
  return v.empty() ? kNaN : *std::max_element(v.begin(), v.end());
}

double Series::median() const {
  if (dtype_ == DType::timedelta) return td_double(timedelta_median(*this));
  auto v = present(*this, "Series::median");
  if (v.empty()) return kNaN;
  const std::size_t k = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + k, v.end());
  if (v.size() % 2) return v[k];
  const double hi = v[k];
  const double lo = *std::max_element(v.begin(), v.begin() + k);
  return (lo + hi) / 2;
}

double Series::quantile(double q) const {
  if (!(q >= 0 && q <= 1)) throw Error("Series::quantile: q must be in [0, 1]");
  auto v = present(*this, "Series::quantile");
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  const double h = (static_cast<double>(v.size()) - 1) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  const double t = h - static_cast<double>(lo), a = v[lo], b = v[hi];
  const double d = b - a;  // numpy's _lerp
  return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

}  // namespace hamilton
