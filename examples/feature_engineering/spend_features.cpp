// Spend features from the talk: rolling averages, cost per signup, normalised spend.
#include <hamilton/frame/series.hpp>
#include <hamilton/node.hpp>

using hamilton::Series;

HAMILTON_MODULE(spend_features);

NODE(Series, avg_3wk_spend__rolling, (const Series& spend),
     hamilton::doc("Rolling 3 day average spend."), config_when({{"smoothing", "rolling"}}),
     tag("owner", "finance")) {
  return spend.rolling(3).mean();
}

NODE(Series, avg_3wk_spend__ewm, (const Series& spend),
     hamilton::doc("Exponentially weighted average spend (span 3)."),
     config_when({{"smoothing", "ewm"}}), tag("owner", "finance")) {
  hamilton::EwmOptions o;
  o.span = 3;
  return spend.ewm(o).mean();
}

NODE(Series, spend_per_signup, (const Series& spend, const Series& signups),
     hamilton::doc("The cost per signup in relation to spend."),
     check_output(hamilton::dq::range(0.0, 10000.0), hamilton::dq::not_null()),
     tag("owner", "finance")) {
  return spend / signups;
}

NODE(double, spend_mean, (const Series& spend), hamilton::doc("Mean spend.")) { return spend.mean(); }
NODE(double, spend_std_dev, (const Series& spend), hamilton::doc("Spend standard deviation.")) {
  return spend.std();
}

NODE(Series, spend_zero_mean_unit_variance,
     (const Series& spend, double spend_mean, double spend_std_dev),
     hamilton::doc("Spend standardised to mean 0 and variance 1."),
     check_output(hamilton::dq::mean_in_range(-0.01, 0.01)), tag("owner", "finance")) {
  return (spend - spend_mean) / spend_std_dev;
}
