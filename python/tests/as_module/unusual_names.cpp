// Nodes for the as_module tests whose names cannot be Python function parameters: a Python
// keyword, a parameter named by one, and a dotted name made by parameterize.
#include <hamilton/frame.hpp>
#include <hamilton/node.hpp>

using hamilton::Series;

HAMILTON_MODULE(unusual_names);

NODE(double, lambda, (double x), hamilton::doc("Named by a Python keyword.")) { return x; }
NODE(double, plus_one, (double yield)) { return yield + 1; }
NODE(Series, share, (const Series& part, const Series& spend),
     parameterize({{"share.tv", {{"part", source("tv_spend")}}}})) {
  return part / spend;
}
NODE(double, ordinary, (double x)) { return 2 * x; }
