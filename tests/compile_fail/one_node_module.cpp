// A one-node module file as the docs write it: only <hamilton/node.hpp>, a dq validator inside
// NODE without any namespace alias.
#include <hamilton/node.hpp>

HAMILTON_MODULE(one_node);

NODE(double, doubled, (double x), doc("Twice x."), check_output(dq::range(0.0, 10.0))) {
  return 2 * x;
}
