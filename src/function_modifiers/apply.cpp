#include "function_modifiers/apply.hpp"

#include <algorithm>

namespace hamilton::detail {

void apply_modifiers(const NodeSpec& spec, BuildContext& ctx, std::vector<NodeSpec>& out) {
  if (spec.modifiers.empty()) {
    out.push_back(spec);
    return;
  }
  std::vector<const ModifierImpl*> mods;
  for (const auto& m : spec.modifiers)
    if (m) mods.push_back(m.get());
  std::stable_sort(mods.begin(), mods.end(), [](const ModifierImpl* a, const ModifierImpl* b) {
    return static_cast<int>(a->stage()) < static_cast<int>(b->stage());
  });
  std::vector<NodeSpec> made{spec};
  for (const ModifierImpl* m : mods) {
    m->apply(ctx, made);
    if (made.empty()) break;  // e.g. config_when dropped the function
  }
  for (auto& n : made) out.push_back(std::move(n));
}

}  // namespace hamilton::detail
