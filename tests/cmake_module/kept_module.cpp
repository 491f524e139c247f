#include <hamilton/hamilton.hpp>

HAMILTON_MODULE(kept_module);
NODE(int, kept_answer, ()) { return 42; }
