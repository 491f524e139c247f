// A module library that says it was compiled against other hamilton-cpp headers: its ABI stamp
// (the `.hamilton_abi` section that <hamilton/registry/module.hpp> adds) is not this build's,
// as when a library built against an older hamilton-cpp is loaded into a newer one. Loading it
// is refused before dlopen, so its registrations never run.
#define HAMILTON_BUILDING_LIBRARY  // leave out the real stamp
#include <hamilton/node.hpp>

[[gnu::used, gnu::section(".hamilton_abi")]] static const char other_abi_stamp[] =
    "hamilton-cpp 0.0.9 abi 0123456789abcdef";

HAMILTON_MODULE(cli_other_abi);

NODE(double, other_abi_doubled, (double x), doc("x times two (compiled against other headers).")) {
  return 2 * x;
}
