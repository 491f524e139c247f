// The module library in the seed corpus of fuzz target module_library
// (tests/fuzz/corpus/module_library/seed_module.so): a real, small module library. Not built by
// CMake; it was made, from the top folder after a release build in build/, with
//   g++ -std=c++20 -Os -fPIC -shared -I include -I build/include tests/fuzz/seed_module.cpp \
//       -o tests/fuzz/corpus/module_library/seed_module.so -Wl,-z,noseparate-code -s \
//       -Lbuild/src -lhamilton_core
// and its first 1000 and 64 bytes are the other two seeds (head -c 1000, head -c 64).
#include <hamilton/node.hpp>

HAMILTON_MODULE(fuzz_seed);

NODE(double, seed_doubled, (double x), doc("x times two.")) { return 2 * x; }
