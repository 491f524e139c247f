#include "data_quality/act.hpp"

namespace hamilton::detail {

// No validator types exist yet: a run has no data-quality results to act on.
void act_on_data_quality(const Outputs& /*results*/) {}

}  // namespace hamilton::detail
