// Statistics on spend: a second module in the same library (for clusters and collapsing).
#include <hamilton/hamilton.hpp>

#include <cmath>
#include <vector>

using Column = std::vector<double>;

HAMILTON_MODULE(cli_stats);

NODE(double, spend_mean, (const Column& spend), doc("Mean spend."),
     check_output(hamilton::dq::range(0.0, 1000.0))) {
  double s = 0;
  for (double v : spend) s += v;
  return s / static_cast<double>(spend.size());
}

NODE(Column, spend_zero_mean, (const Column& spend, double spend_mean), doc("Spend minus its mean.")) {
  Column out(spend);
  for (auto& v : out) v -= spend_mean;
  return out;
}

NODE(double, spend_std_dev, (const Column& spend), doc("Sample standard deviation of spend.")) {
  double m = 0;
  for (double v : spend) m += v;
  m /= static_cast<double>(spend.size());
  double ss = 0;
  for (double v : spend) ss += (v - m) * (v - m);
  return std::sqrt(ss / static_cast<double>(spend.size() - 1));
}

NODE(Column, spend_zero_mean_unit_variance, (const Column& spend_zero_mean, double spend_std_dev),
     doc("Spend normalised to zero mean and unit variance.")) {
  Column out(spend_zero_mean);
  for (auto& v : out) v /= spend_std_dev;
  return out;
}
