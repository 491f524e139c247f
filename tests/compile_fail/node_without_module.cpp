#include <hamilton/hamilton.hpp>
NODE(double, f, (double x)) { return x; }
