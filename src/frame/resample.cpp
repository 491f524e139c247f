// Resampler: rows of a datetime-indexed frame in weekly (W-SUN) or daily bins,
// summed or averaged per bin (pandas' df.resample(rule).sum()/.mean()).
#include "hamilton/frame/groupby.hpp"
#include "internal.hpp"
#include "ops_internal.hpp"

namespace hamilton {
namespace {

constexpr std::int64_t kDay = 86'400'000'000'000;

// Days since the epoch of a datetime (floor).
std::int64_t day_of(std::int64_t ns) { return ns / kDay - (ns % kDay < 0); }

enum class Rule { week_sun, day };

Rule parse_rule(std::string_view rule) {
  if (rule == "W" || rule == "W-SUN") return Rule::week_sun;
  if (rule == "D") return Rule::day;
  throw Error("resample: rule '" + std::string(rule) +
              "' is not supported; the rules are 'W' (= 'W-SUN', weeks ending on Sunday) and 'D' "
              "(calendar days)");
}

// The bin (label day) of a day: the day itself, or the Sunday on or after it
// (1970-01-04, day 3, was a Sunday).
std::int64_t bin_of(std::int64_t day, Rule rule) {
  if (rule == Rule::day) return day;
  std::int64_t dow = ((day - 3) % 7 + 7) % 7;  // 0 = Sunday
  return dow == 0 ? day : day + (7 - dow);
}

DataFrame resample(const DataFrame &df, const std::string &rule_text, detail::Reduction red) {
  const Rule rule = parse_rule(rule_text);
  const Index &ix = df.index();
  if (ix.kind() != Index::Kind::datetime)
    throw Error("resample: needs a datetime index, got a " + std::string(ix.kind_name()) +
                " index (" + std::to_string(ix.size()) +
                " labels); make one with set_index(\"<date column>\")");
  const std::size_t n = ix.size();
  std::int64_t lo = 0, hi = -1;
  bool any = false;
  std::vector<std::int64_t> bins(n);
  for (std::size_t r = 0; r < n; ++r) {
    std::int64_t ns = ix.int_at(r);
    if (ns == kNaT) continue;
    bins[r] = bin_of(day_of(ns), rule);
    if (!any || bins[r] < lo) lo = bins[r];
    if (!any || bins[r] > hi) hi = bins[r];
    any = true;
  }
  const std::int64_t step = rule == Rule::day ? 1 : 7;
  std::vector<std::int64_t> labels;
  for (std::int64_t d = lo; any && d <= hi; d += step) labels.push_back(d * kDay);
  Index out_ix = Index::from_datetime(std::move(labels)).rename(ix.name());
  std::vector<std::size_t> codes(n, detail::npos);
  for (std::size_t r = 0; r < n; ++r)
    if (ix.int_at(r) != kNaT) codes[r] = static_cast<std::size_t>((bins[r] - lo) / step);
  std::vector<Series> cols;
  const char *what = red == detail::Reduction::sum ? "resample.sum" : "resample.mean";
  for (const auto &c : df.columns())
    cols.push_back(detail::grouped_reduce(c, red, codes, out_ix, what));
  return detail::frame_of(std::move(cols), out_ix);
}

}  // namespace

Resampler DataFrame::resample(std::string_view rule) const {
  return Resampler(*this, std::string(rule));
}

Resampler::Resampler(DataFrame frame, std::string rule)
    : frame_(std::move(frame)), rule_(std::move(rule)) {
  parse_rule(rule_);
}

DataFrame Resampler::sum() const { return resample(frame_, rule_, detail::Reduction::sum); }
DataFrame Resampler::mean() const { return resample(frame_, rule_, detail::Reduction::mean); }

}  // namespace hamilton
