// Python Hamilton's examples/hello_world/my_functions.py, in C++.
#include <hamilton/frame.hpp>
#include <hamilton/node.hpp>

using hamilton::Series;

HAMILTON_MODULE(my_functions);

NODE(Series, avg_3wk_spend, (const Series& spend), doc("Rolling 3 week average spend.")) {
  return spend.rolling(3).mean();
}

NODE(Series, spend_per_signup, (const Series& spend, const Series& signups),
     doc("The cost per signup in relation to spend.")) {
  return spend / signups;
}

NODE(double, spend_mean, (const Series& spend), doc("Shows function creating a scalar. In this case it computes the mean of the entire column.")) {
  return spend.mean();
}

NODE(Series, spend_zero_mean, (const Series& spend, double spend_mean),
     doc("Shows function that takes a scalar. In this case to zero mean spend.")) {
  return spend - spend_mean;
}

NODE(double, spend_std_dev, (const Series& spend),
     doc("Function that computes the standard deviation of the spend column.")) {
  return spend.std();
}

NODE(Series, spend_zero_mean_unit_variance, (const Series& spend_zero_mean, double spend_std_dev),
     doc("Function showing one way to make spend have zero mean and unit variance.")) {
  return spend_zero_mean / spend_std_dev;
}
