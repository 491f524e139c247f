#include <hamilton/hamilton.hpp>
HAMILTON_MODULE(m);
NODE(double, f, (double x, double scale = 2.0)) { return x * scale; }
