#include <hamilton/hamilton.hpp>

HAMILTON_MODULE(dropped_module);
NODE(int, dropped_answer, ()) { return 7; }
