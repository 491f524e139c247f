// The second part of module cli_split (split_a.cpp is the first): its node reads both of the
// first part's nodes.
#include <hamilton/hamilton.hpp>

HAMILTON_MODULE(cli_split);

NODE(double, split_sum, (double split_doubled, double split_plus_one),
     doc("Both nodes of library cli_split_a, added (library cli_split_b).")) {
  return split_doubled + split_plus_one;
}
