#include "hamilton/version.hpp"

namespace hamilton {

const char* version() noexcept { return HAMILTON_VERSION_STRING; }

}  // namespace hamilton
