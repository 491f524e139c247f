// Time-based rolling windows over a datetime index (pandas' rolling("7D")), with pandas'
// variable-window bounds and its Kahan-compensated sum/mean kernels.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "civil.hpp"
#include "hamilton/frame/series.hpp"
#include "internal.hpp"

namespace hamilton {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// "7D", "12h", "30min", "1.5h" ... → nanoseconds (pandas' fixed offsets).
std::int64_t parse_window(std::string_view w) {
  const std::string text(w);
  auto bad = [&](const std::string &why) -> std::int64_t {
    throw Error("Series::rolling(\"" + text + "\"): " + why +
                "; a time window is a number and a fixed unit: D, h, min, s, ms, us or ns "
                "(\"7D\", \"12h\", \"30min\")");
  };
  std::size_t p = 0;
  while (p < w.size() && (std::isdigit(static_cast<unsigned char>(w[p])) || w[p] == '.')) ++p;
  double count = 1;
  if (p > 0) {
    try {
      std::size_t used = 0;
      count = std::stod(std::string(w.substr(0, p)), &used);
      if (used != p) bad("'" + std::string(w.substr(0, p)) + "' is not a number");
    } catch (const std::logic_error &) {
      bad("'" + std::string(w.substr(0, p)) + "' is not a number");
    }
  }
  const std::string_view unit = w.substr(p);
  std::int64_t per = 0;
  if (unit == "D" || unit == "d")
    per = detail::kNsPerDay;
  else if (unit == "h" || unit == "H")
    per = 3600 * detail::kNsPerSec;
  else if (unit == "min" || unit == "T")
    per = 60 * detail::kNsPerSec;
  else if (unit == "s" || unit == "S")
    per = detail::kNsPerSec;
  else if (unit == "ms" || unit == "L")
    per = 1'000'000;
  else if (unit == "us" || unit == "U")
    per = 1'000;
  else if (unit == "ns" || unit == "N")
    per = 1;
  else if (unit == "W" || unit == "M" || unit == "ME" || unit == "Y" || unit == "YE" ||
           unit == "Q" || unit == "QE" || unit.starts_with("W-"))
    bad(std::string(unit).insert(0, 1, '\'') +
        "' is a non-fixed frequency (weeks anchor on a weekday, months and years vary in "
        "length); use days, e.g. \"7D\"");
  else
    bad(std::string("unknown unit '").append(unit) + "'");
  const double ns = count * static_cast<double>(per);
  if (!(ns >= 0) || ns > 9.2e18) bad("the window is out of range");
  return static_cast<std::int64_t>(std::llround(ns));
}

// pandas' roll_sum / roll_mean accumulator (aggregations.pyx add_/remove_sum, _mean).
struct Kahan {
  std::int64_t nobs = 0, neg = 0, same = 0;
  double sum = 0, comp_add = 0, comp_remove = 0, prev = kNaN;
  void add(double v) {
    if (v != v) return;
    ++nobs;
    const double y = v - comp_add;
    const double t = sum + y;
    comp_add = t - sum - y;
    sum = t;
    if (std::signbit(v)) ++neg;
    same = v == prev ? same + 1 : 1;
    prev = v;
  }
  void remove(double v) {
    if (v != v) return;
    --nobs;
    const double y = -v - comp_remove;
    const double t = sum + y;
    comp_remove = t - sum - y;
    sum = t;
    if (std::signbit(v)) --neg;
  }
};

}  // namespace

TimeRolling Series::rolling(std::string_view window, std::size_t min_periods, Closed closed) const {
  return TimeRolling(*this, parse_window(window), min_periods, closed);
}

TimeRolling::TimeRolling(Series s, std::int64_t window_ns, std::size_t min_periods, Closed closed)
    : s_(std::move(s)), window_ns_(window_ns), min_periods_(min_periods), closed_(closed) {
  const std::string what = "Series::rolling(time window) on " + s_.describe();
  if (!is_numeric(s_.dtype())) throw Error(what + ": needs a numeric column");
  const Index &ix = s_.index();
  if (ix.kind() != Index::Kind::datetime)
    throw Error(what + ": a time window needs a datetime index, the index is " +
                std::string(ix.kind_name()) + " (use with_index(Index::from_datetime(...)) or " +
                "an integer window)");
  const std::size_t n = ix.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (ix.int_at(i) == kNaT) throw Error(what + ": the index has NaT at row " + std::to_string(i));
    if (i > 0 && ix.int_at(i) < ix.int_at(i - 1))
      throw Error(what + ": the index must be increasing, row " + std::to_string(i) + " (" +
                  ix.label_string(i) + ") comes before row " + std::to_string(i - 1) + " (" +
                  ix.label_string(i - 1) + "); sort it first");
  }
  // pandas' window bounds (calculate_variable_window_bounds) for an increasing index.
  const bool right_closed = closed_ == Closed::right || closed_ == Closed::both;
  const bool left_closed = closed_ == Closed::left || closed_ == Closed::both;
  start_.assign(n, 0);
  end_.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (i == 0) {
      start_[0] = 0;
    } else {
      // start_bound = t - window (one ns earlier when the left end is closed); the first row
      // strictly after it starts the window.
      const std::int64_t t = ix.int_at(i);
      std::int64_t bound;  // saturates at the smallest int64, below every label
      if (__builtin_sub_overflow(t, window_ns_, &bound) ||
          __builtin_sub_overflow(bound, left_closed ? 1 : 0, &bound))
        bound = std::numeric_limits<std::int64_t>::min();
      start_[i] = i;
      for (std::size_t j = start_[i - 1]; j < i; ++j)
        if (ix.int_at(j) > bound) {
          start_[i] = j;
          break;
        }
    }
    // Closed right: up to this row (later rows of the same timestamp excluded, as pandas).
    // Open right: before the first row of this timestamp.
    if (right_closed)
      end_[i] = i + 1;
    else
      end_[i] = i > 0 && ix.int_at(i) == ix.int_at(i - 1) ? end_[i - 1] : i;
  }
}

namespace {

using Bounds = std::vector<std::size_t>;

// pandas' variable-window loop (aggregations.pyx roll_sum / roll_mean): the accumulator
// restarts when a window shares no row with the one before, else drops the rows that left
// and adds the rows that came; `result(k)` gives row i's value from the accumulator.
template <class Result>
void roll_kahan(double *out, std::span<const double> v, const Bounds &start, const Bounds &end,
                Result &&result) {
  const std::size_t n = v.size();
  Kahan k;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t s = start[i], e = end[i];
    if (i == 0 || s >= end[i - 1]) {
      k = Kahan{};
      for (std::size_t j = s; j < e; ++j) k.add(v[j]);
    } else {
      for (std::size_t j = start[i - 1]; j < s; ++j) k.remove(v[j]);
      for (std::size_t j = end[i - 1]; j < e; ++j) k.add(v[j]);
    }
    out[i] = result(k);
  }
}

// pandas' roll_sum over variable windows.
void roll_sum(double *out, std::span<const double> v, const Bounds &start, const Bounds &end,
              std::int64_t minp) {
  roll_kahan(out, v, start, end, [minp](const Kahan &k) {
    if (k.nobs == 0 && minp == 0) return 0.0;
    if (k.nobs < minp) return kNaN;
    return k.same >= k.nobs ? k.prev * static_cast<double>(k.nobs) : k.sum;
  });
}

// pandas' roll_mean over variable windows.
void roll_mean(double *out, std::span<const double> v, const Bounds &start, const Bounds &end,
               std::int64_t minp) {
  roll_kahan(out, v, start, end, [minp](const Kahan &k) {
    if (k.nobs < minp || k.nobs == 0) return kNaN;
    if (k.same >= k.nobs) return k.prev;
    const double r = k.sum / static_cast<double>(k.nobs);
    if ((k.neg == 0 && r < 0) || (k.neg == k.nobs && r > 0)) return 0.0;
    return r;
  });
}

// Window min / max with a monotonic deque of positions (missing values skipped).
void roll_extreme(double *out, std::span<const double> v, const Bounds &start, const Bounds &end,
                  std::int64_t minp, bool max) {
  const std::size_t n = v.size();
  std::deque<std::size_t> q;
  std::vector<std::size_t> seen(n + 1, 0);  // non-missing values among the first k rows
  for (std::size_t i = 0; i < n; ++i) seen[i + 1] = seen[i] + (std::isnan(v[i]) ? 0 : 1);
  std::size_t added = 0;
  for (std::size_t i = 0; i < n; ++i) {
    for (; added < end[i]; ++added) {
      if (std::isnan(v[added])) continue;
      while (!q.empty() && (max ? v[q.back()] <= v[added] : v[q.back()] >= v[added])) q.pop_back();
      q.push_back(added);
    }
    while (!q.empty() && q.front() < start[i]) q.pop_front();
    const auto nobs = static_cast<std::int64_t>(seen[end[i]] - seen[std::min(start[i], end[i])]);
    out[i] = (nobs >= minp && nobs > 0 && !q.empty()) ? v[q.front()] : kNaN;
  }
}

// The values as doubles: float64 columns are read in place, others converted once.
struct Doubles {
  explicit Doubles(const Series &s) {
    if (s.dtype() == DType::float64) {
      span = s.values<double>();
    } else {
      copy = s.to_doubles();
      span = copy;
    }
  }
  std::vector<double> copy;
  std::span<const double> span;
};

template <class F>
Series windowed(const Series &s, F f) {
  auto b = detail::alloc<double>(s.size());
  f(b.data);
  return detail::make_series(DType::float64, s.size(), b, s.name(), s.index());
}

}  // namespace

Series TimeRolling::sum() const {
  const auto minp = static_cast<std::int64_t>(min_periods_);
  return windowed(s_, [&](double *o) { roll_sum(o, Doubles(s_).span, start_, end_, minp); });
}

Series TimeRolling::mean() const {
  const auto minp = static_cast<std::int64_t>(min_periods_);
  return windowed(s_, [&](double *o) { roll_mean(o, Doubles(s_).span, start_, end_, minp); });
}

Series TimeRolling::count() const {
  // pandas counts with roll_sum over notna() as 0/1, so min_periods applies to rows.
  const std::size_t n = s_.size();
  std::vector<double> ones(n);
  for (std::size_t i = 0; i < n; ++i) ones[i] = s_.is_missing(i) ? 0.0 : 1.0;
  const auto minp = static_cast<std::int64_t>(min_periods_);
  return windowed(s_, [&](double *o) { roll_sum(o, ones, start_, end_, minp); });
}

Series TimeRolling::min() const {
  const auto minp = static_cast<std::int64_t>(min_periods_);
  return windowed(s_,
                  [&](double *o) { roll_extreme(o, Doubles(s_).span, start_, end_, minp, false); });
}

Series TimeRolling::max() const {
  const auto minp = static_cast<std::int64_t>(min_periods_);
  return windowed(s_,
                  [&](double *o) { roll_extreme(o, Doubles(s_).span, start_, end_, minp, true); });
}

}  // namespace hamilton
