// The other module defining `spend_mean` (see same_node_name_test.cpp).
#include <hamilton/node.hpp>
#include <vector>

namespace spend_eu {
HAMILTON_MODULE(spend_eu);

NODE(double, spend_mean, (const std::vector<double>& spend), doc("Mean spend, in euros.")) {
  double s = 0;
  for (double v : spend) s += v;
  return 0.9 * s / static_cast<double>(spend.size());
}
}  // namespace spend_eu
