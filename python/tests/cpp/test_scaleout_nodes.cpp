// Nodes for the scale-out tests (python/tests/test_scaleout_*.py): row-wise nodes tagged
// `scale_out.rows = within`, window nodes tagged `scale_out.rows = across`, an untagged node,
// a reduction, and a node that throws for a marked row.
#include <cctype>
#include <chrono>
#include <cmath>
#include <hamilton/frame.hpp>
#include <hamilton/node.hpp>
#include <stdexcept>
#include <string>

using hamilton::Series;

HAMILTON_MODULE(test_scaleout_nodes);

// ---- row-wise ----
NODE(Series, spend_per_signup, (const Series& spend, const Series& signups),
     tag("scale_out.rows", "within")) {
  return spend / signups;
}
NODE(Series, spend_scaled, (const Series& spend, double factor), tag("scale_out.rows", "within")) {
  return spend * factor;
}
NODE(Series, is_big, (const Series& spend), tag("scale_out.rows", "within")) {
  return spend > 50.0;
}
NODE(Series, signups_plus_one, (const Series& signups), tag("scale_out.rows", "within")) {
  return signups + 1;
}
// Throws when a spend value is negative.
NODE(Series, checked_spend, (const Series& spend), tag("scale_out.rows", "within")) {
  for (double v : spend.values<double>())
    if (v < 0) throw std::invalid_argument("spend must not be negative, got " + std::to_string(v));
  return spend;
}

// ---- across rows ----
NODE(Series, avg_3wk_spend, (const Series& spend), tag("scale_out.rows", "across")) {
  return spend.rolling(3, 1).mean();
}
NODE(Series, spend_change, (const Series& spend), tag("scale_out.rows", "across")) {
  return spend.diff();
}
NODE(Series, spend_prev, (const Series& spend), tag("scale_out.rows", "across")) {
  return spend.shift(1);
}
NODE(Series, spend_to_avg, (const Series& spend, const Series& avg_3wk_spend),
     tag("scale_out.rows", "within")) {
  return spend / avg_3wk_spend;
}

// ---- untagged, and a reduction (not tagged: found by its type) ----
NODE(Series, spend_plus_signups, (const Series& spend, const Series& signups)) {
  return spend + signups;
}
NODE(double, mean_spend, (const Series& spend)) { return spend.mean(); }
NODE(Series, spend_minus_mean, (const Series& spend, double mean_spend),
     tag("scale_out.rows", "within")) {
  return spend - mean_spend;
}

// ---- one row-wise node per column type (string and datetime; float, int, bool above) ----
NODE(Series, region_upper, (const Series& region), tag("scale_out.rows", "within")) {
  return region.map([](const std::string& s) {
    std::string out = s;
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
  });
}
NODE(Series, day_passed, (const Series& day), tag("scale_out.rows", "within")) { return day; }

// ---- slow: spins for `seconds` of wall time per call (the worker-kill test) ----
NODE(Series, spend_slowly, (const Series& spend, double seconds), tag("scale_out.rows", "within")) {
  auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < end) {
  }
  return spend;
}
