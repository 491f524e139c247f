// Loading the raw data and features of the calendar.
#include <hamilton/frame/dataframe.hpp>
#include <hamilton/node.hpp>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

using hamilton::DataFrame;
using hamilton::Series;

HAMILTON_MODULE(date_features);

namespace {
constexpr std::int64_t kNsPerDay = 86'400'000'000'000;

// days since 1970-01-01 -> (year, month, day) (H. Hinnant's civil_from_days)
void civil(std::int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe) + static_cast<int>(era) * 400 + (m <= 2);
}
std::int64_t days(std::int64_t ns) { return ns >= 0 ? ns / kNsPerDay : -((-ns + kNsPerDay - 1) / kNsPerDay); }
}  // namespace

// Synthetic daily data: deterministic, with a weekly pattern and one bad day (a spend spike).
NODE(DataFrame, raw_data__synthetic, (std::int64_t days_of_data),
     hamilton::doc("Synthetic daily marketing data."),
     config_when({{"data_source", "synthetic"}}),
     extract_columns("date", "spend", "signups", "tv_spend", "radio_spend"),
     tag({{"owner", "data-platform"}, {"source", "synthetic"}})) {
  std::vector<std::int64_t> date;
  std::vector<double> spend, signups, tv, radio;
  const std::int64_t start = hamilton::make_datetime(2024, 1, 1);
  for (std::int64_t i = 0; i < days_of_data; ++i) {
    date.push_back(start + i * kNsPerDay);
    const double weekly = 1.0 + 0.3 * std::sin(static_cast<double>(i) * 2 * 3.14159265 / 7);
    const double t = 60.0 * weekly + static_cast<double>(i % 5);
    const double r = 40.0 * weekly + static_cast<double>((i * 3) % 7);
    tv.push_back(t);
    radio.push_back(r);
    spend.push_back(i == 9 ? 250000.0 : t + r);  // day 10: a spike spend_per_signup's check flags
    signups.push_back(std::round(5 + (t + r) / 10));
  }
  return DataFrame({{"date", Series::datetime(date)},
                    {"spend", Series(spend)},
                    {"signups", Series(signups)},
                    {"tv_spend", Series(tv)},
                    {"radio_spend", Series(radio)}});
}

// The same columns from a CSV-like constant table (stands in for a warehouse query).
NODE(DataFrame, raw_data__fixed, (),
     hamilton::doc("A small fixed table."),
     config_when({{"data_source", "fixed"}}),
     extract_columns("date", "spend", "signups", "tv_spend", "radio_spend"),
     tag({{"owner", "data-platform"}, {"source", "fixed"}})) {
  return DataFrame({{"date", Series::datetime_from_strings({"2024-03-01", "2024-03-02", "2024-03-03",
                                                            "2024-03-04", "2024-03-05"})},
                    {"spend", Series(std::vector<double>{100, 120, 80, 150, 90})},
                    {"signups", Series(std::vector<double>{10, 12, 9, 14, 8})},
                    {"tv_spend", Series(std::vector<double>{60, 70, 50, 90, 50})},
                    {"radio_spend", Series(std::vector<double>{40, 50, 30, 60, 40})}});
}

NODE(Series, day_of_week, (const Series& date),
     hamilton::doc("Day of the week, Monday = 0 (pandas' dt.dayofweek)."),
     check_output(hamilton::dq::range(0.0, 6.0), hamilton::dq::Importance::fail),
     tag("owner", "analytics")) {
  return date.map([](std::int64_t ns) { return (days(ns) % 7 + 7 + 3) % 7; });
}

NODE(Series, month, (const Series& date), hamilton::doc("Month of the year, 1-12."),
     tag("owner", "analytics")) {
  return date.map([](std::int64_t ns) {
    int y, m, d;
    civil(days(ns), y, m, d);
    return static_cast<std::int64_t>(m);
  });
}

NODE(Series, is_weekend, (const Series& day_of_week), hamilton::doc("Saturday or Sunday."),
     tag("owner", "analytics")) {
  return day_of_week >= 5;
}
