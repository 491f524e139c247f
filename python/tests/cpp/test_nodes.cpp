// Nodes for the Python tests: one per C++ type the converters handle, a slow node for the GIL
// test, a throwing node, tags and docs for the listing.
#include <chrono>
#include <cstdint>
#include <hamilton/frame.hpp>
#include <hamilton/node.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using hamilton::DataFrame;
using hamilton::Series;

HAMILTON_MODULE(test_nodes);

// ---- one node per converted type ----
NODE(double, half, (double x), doc("Half of x."),
     tag({{"owner", "tests"}, {"kind", {"math", "scalar"}}})) {
  return x / 2;
}
NODE(std::int64_t, twice, (std::int64_t n), tag({{"owner", "tests"}})) { return 2 * n; }
NODE(int, small_plus_one, (int small)) { return small + 1; }
NODE(std::string, greeting, (const std::string& who)) { return "hello " + who; }
NODE(bool, negated, (bool flag)) { return !flag; }
NODE(std::vector<double>, doubled, (const std::vector<double>& xs)) {
  std::vector<double> out;
  for (double x : xs) out.push_back(2 * x);
  return out;
}
NODE(std::vector<std::int64_t>, counts_plus_one, (const std::vector<std::int64_t>& counts)) {
  std::vector<std::int64_t> out;
  for (auto c : counts) out.push_back(c + 1);
  return out;
}
NODE(std::vector<std::string>, shouted, (const std::vector<std::string>& words)) {
  std::vector<std::string> out;
  for (const auto& w : words) out.push_back(w + "!");
  return out;
}
NODE(Series, values_plus_one, (const Series& values)) { return values + 1; }
NODE(Series, flags_inverted, (const Series& flags)) { return ~flags; }
NODE(Series, names_upper, (const Series& names)) {
  return names.map([](const std::string& s) {
    std::string out = s;
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
  });
}
NODE(Series, names_passed, (const Series& names)) { return names; }
NODE(Series, dates_passed, (const Series& dates)) { return dates; }
NODE(std::int64_t, dates_first_ns, (const Series& dates)) {
  return dates.values<std::int64_t>()[0];
}
NODE(Series, tenure, (const Series& order_date, const Series& signup_date)) {
  return order_date - signup_date;
}
NODE(Series, tenure_days, (const Series& tenure)) { return tenure.dt().days(); }
NODE(Series, doubled_duration, (const Series& durations)) { return durations * 2; }
NODE(DataFrame, frame, (const Series& values, const Series& flags)) {
  return DataFrame({{"values", values}, {"flags", flags}});
}
NODE(std::int64_t, frame_rows, (const DataFrame& table)) {
  return static_cast<std::int64_t>(table.num_rows());
}
NODE(Series, table_total, (const DataFrame& table)) { return table["a"] + table["b"]; }

// ---- a C++ type with no Python counterpart ----
struct Point {
  double x = 0, y = 0;
};
NODE(Point, point, (double x)) { return Point{x, 2 * x}; }
NODE(double, point_y, (const Point& point)) { return point.y; }

// ---- config ----
NODE(double, scaled, (double x, double factor)) { return x * factor; }

// ---- failures and the GIL ----
NODE(double, checked_sqrt, (double x)) {
  if (x < 0) throw std::invalid_argument("x must not be negative, got " + std::to_string(x));
  return x;
}
// Spins for `seconds` of wall time, then returns the number of spins.
NODE(std::int64_t, slow_spin, (double seconds)) {
  auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  std::int64_t spins = 0;
  while (std::chrono::steady_clock::now() < end) ++spins;
  return spins;
}
