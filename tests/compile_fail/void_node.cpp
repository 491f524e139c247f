#include <hamilton/hamilton.hpp>
HAMILTON_MODULE(m);
NODE(void, f, (double x)) { (void)x; }
