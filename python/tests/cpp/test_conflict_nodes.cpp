// Takes `who` as a double where test_nodes takes it as a std::string: a graph error together.
#include <hamilton/node.hpp>

HAMILTON_MODULE(test_conflict_nodes);

NODE(double, who_length, (double who)) { return who; }
