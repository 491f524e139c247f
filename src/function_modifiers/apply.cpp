#include "function_modifiers/apply.hpp"

#include <algorithm>
#include <memory>

namespace hamilton::detail {

void apply_modifiers(const NodeSpec& spec, BuildContext& ctx, std::vector<NodeSpec>& out) {
  if (spec.modifiers.empty()) {
    out.push_back(spec);
    return;
  }
  // the modifiers of `resolve` are decided first, then sorted with the others by stage
  std::vector<const ModifierImpl*> mods;
  std::vector<std::shared_ptr<const ModifierImpl>> resolved;  // keeps resolve's modifiers alive
  for (const auto& m : spec.modifiers) {
    if (!m) continue;
    if (!m->resolves()) {
      mods.push_back(m.get());
      continue;
    }
    for (auto& r : m->resolve(ctx, spec)) {
      if (!r) continue;
      if (r->resolves()) {
        ctx.error(spec, m->name(),
                  "decorate_with returned another resolve; return the modifier to apply",
                  ErrorCode::bad_modifier);
        continue;
      }
      mods.push_back(r.get());
      resolved.push_back(std::move(r));
    }
  }
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
