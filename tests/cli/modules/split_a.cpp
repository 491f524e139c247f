// One module, cli_split, spread over two module libraries: this is the first part
// (split_b.cpp is the second). Loading both gives one module with the nodes of both.
#include <hamilton/hamilton.hpp>

HAMILTON_MODULE(cli_split);

NODE(double, split_doubled, (double x), doc("x times two (library cli_split_a).")) { return 2 * x; }

NODE(double, split_plus_one, (double x), doc("x plus one (library cli_split_a).")) { return x + 1; }
