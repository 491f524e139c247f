// The result cache's vocabulary as Python Hamilton spells it: the event types its log records
// (CachingEventType), the behaviours (CachingBehavior) and the tag the cache modifier sets.
#include <hamilton/caching/cache.hpp>
#include <string>

#include "oracle.hpp"

namespace {
using namespace hamilton::caching;
}  // namespace

HAMILTON_HAMILTON_CASE(cache_event_types) {
  std::string text;
  for (int i = 0; i <= static_cast<int>(EventType::is_default_parameter_value); ++i)
    text.append(to_string(static_cast<EventType>(i))).append("\n");
  return text;
}

HAMILTON_HAMILTON_CASE(cache_behaviors) {
  std::string text;
  for (Behavior b : {Behavior::default_, Behavior::recompute, Behavior::disable, Behavior::ignore})
    text.append(to_string(b)).append("\n");
  // read back in any case, as CachingBehavior.from_string
  text += behavior_from_string("RECOMPUTE") == Behavior::recompute ? "from_string\n" : "-\n";
  return text.append(kBehaviorTag);
}
