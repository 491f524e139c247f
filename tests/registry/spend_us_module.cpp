// One of two modules that define a node of the same name (see same_node_name_test.cpp): each
// module's nodes live in a namespace of their own, so both link into one program.
#include <hamilton/node.hpp>
#include <vector>

namespace spend_us {
HAMILTON_MODULE(spend_us);

NODE(double, spend_mean, (const std::vector<double>& spend), doc("Mean spend, in dollars.")) {
  double s = 0;
  for (double v : spend) s += v;
  return s / static_cast<double>(spend.size());
}
}  // namespace spend_us
