// A parameter one edit from a node: `margin` reads `revenu`, beside the node `revenue`.
#include <hamilton/node.hpp>

HAMILTON_MODULE(cli_near_name);

NODE(double, revenue, (double price)) { return price * 2; }
NODE(double, margin, (double revenu)) { return revenu * 0.1; }
