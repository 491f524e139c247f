#include <hamilton/hamilton.hpp>
HAMILTON_MODULE(m);
NODE(double, f, (double& x)) { return x; }
