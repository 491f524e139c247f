// A second module library: `half` again (for allow_module_overrides) and a node reading it.
#include <hamilton/node.hpp>

HAMILTON_MODULE(test_other_nodes);

NODE(double, half, (double x), doc("A quarter, in fact.")) { return x / 4; }
NODE(double, half_plus_one, (double half)) { return half + 1; }
