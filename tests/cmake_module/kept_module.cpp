#include <hamilton/hamilton.hpp>

HAMILTON_MODULE(kept_module);
NODE(int, kept_answer, ()) { return 42; }
NODE(int, kept_plus, (int base), version("7")) { return base + 1; }
