#include <hamilton/node.hpp>
#include <vector>

HAMILTON_MODULE(consumer_functions);

NODE(double, total, (const std::vector<double>& values)) {
  double s = 0;
  for (double v : values) s += v;
  return s;
}
