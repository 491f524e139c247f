#include "hamilton/function_modifiers/validation.hpp"

#include <fmt/format.h>

#include <set>

#include "function_modifiers/common.hpp"

namespace hamilton::modifiers {
namespace {

constexpr const char* kDqTag = "hamilton.data_quality.contains_dq_results";
constexpr const char* kSourceTag = "hamilton.data_quality.source_node";
constexpr const char* kDisable = "hamilton.data_quality.disable_checks";

bool checks_disabled(const Config& config) {
  auto it = config.find(kDisable);
  if (it == config.end()) return false;
  if (const auto* b = it->second.get_if<bool>()) return *b;
  if (it->second.type().is_arithmetic()) return it->second.type().to_double(it->second.data()) != 0;
  if (const auto* s = it->second.get_if<std::string>()) return *s == "true" || *s == "1";
  return false;
}

class CheckOutputModifier final : public ModifierImpl {
 public:
  CheckOutputModifier(detail::CheckArgs args, bool custom) : args_(std::move(args)), custom_(custom) {}
  std::string name() const override { return custom_ ? "check_output_custom" : "check_output"; }
  ModifierStage stage() const override { return ModifierStage::transform; }
  void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const override {
    if (nodes.empty() || checks_disabled(ctx.config())) return;
    if (args_.validators.empty()) {
      ctx.error(nodes.front(), name(), "lists no validator; give at least one",
                ErrorCode::bad_modifier);
      return;
    }
    std::vector<std::size_t> targets;
    if (args_.targets.empty()) {
      for (auto t : detail::sinks(nodes))
        if (!detail::is_dq_node(nodes[t])) targets.push_back(t);
    } else {
      for (const auto& name_ : args_.targets) {
        std::size_t i = 0;
        while (i < nodes.size() && nodes[i].name != name_) ++i;
        if (i == nodes.size()) {
          std::vector<std::string> names;
          for (const auto& n : nodes) names.push_back(n.name);
          ctx.error(nodes.front(), name(),
                    fmt::format("target names `{}`, which this function does not make; it makes {}",
                                name_, detail::quoted_list(names)),
                    ErrorCode::unknown_output);
          continue;
        }
        targets.push_back(i);
      }
    }
    std::vector<NodeSpec> added;
    for (auto t : targets) rewrite(ctx, nodes[t], added);
    for (auto& n : added) nodes.push_back(std::move(n));
  }

 private:
  void rewrite(BuildContext& ctx, NodeSpec& n, std::vector<NodeSpec>& added) const {
    std::set<std::string> names;
    for (const auto& v : args_.validators) {
      const auto& impl = v.impl();
      const std::string vname = impl.name();
      if (!detail::is_identifier(vname)) {
        ctx.error(n, name(),
                  fmt::format("validator name `{}` is not an identifier; it names the node "
                              "`{}_<name>`",
                              vname, n.name),
                  ErrorCode::bad_validator);
        return;
      }
      if (!names.insert(vname).second) {
        ctx.error(n, name(),
                  fmt::format("validator `{}` is given twice; each validator names its node "
                              "`{}_{}`",
                              vname, n.name, vname),
                  ErrorCode::bad_validator);
        return;
      }
      if (!n.returns_any && !impl.applies_to(*n.type)) {
        ctx.error(n, name(),
                  fmt::format("validator `{}` ({}) does not apply to a {}, the type `{}` returns",
                              vname, impl.description(), n.type->name(), n.name),
                  ErrorCode::validator_type);
        return;
      }
    }
    const std::string final_name = n.name;
    const std::string raw_name = final_name + "_raw";
    NodeSpec final_node = n;
    n.name = raw_name;  // the function
    final_node.parameters.clear();
    Parameter raw;
    raw.name = raw_name;
    if (n.returns_any) raw.any = true;
    else raw.type = n.type;
    final_node.parameters.push_back(raw);
    for (const auto& v : args_.validators) {
      std::shared_ptr<const dq::DataValidator> impl = v.ptr();
      dq::Importance importance = v.importance()
                                      ? *v.importance()
                                      : (args_.importance && !custom_ ? *args_.importance
                                                                      : impl->importance());
      NodeSpec check;
      check.name = fmt::format("{}_{}", final_name, impl->name());
      check.function_name = n.function_name;
      check.module = n.module;
      check.location = n.location;
      check.doc = fmt::format("Data-quality check of `{}`: {}.", final_name, impl->description());
      check.tags[kDqTag] = {"true"};
      check.tags[kSourceTag] = {final_name};
      check.tags["hamilton.data_quality.importance"] = {dq::to_string(importance)};
      check.parameters.push_back(raw);
      check.type = &TypeInfo::of<dq::ValidationResult>();
      const bool runtime_type_check = n.returns_any;
      check.callable = detail::make_callable(
          1, [impl, importance, final_name, runtime_type_check](std::span<const Value> a) -> Value {
            dq::ValidationResult r;
            if (runtime_type_check && !impl->applies_to(a[0].type())) {
              r.passes = false;
              r.message = fmt::format("validator does not apply to a {}", a[0].type().name());
            } else {
              r = impl->validate(a[0]);
            }
            r.importance = importance;
            r.validator = impl->name();
            r.node = final_name;
            return Value(std::move(r));
          });
      Parameter result;
      result.name = check.name;
      result.type = check.type;
      final_node.parameters.push_back(result);
      added.push_back(std::move(check));
    }
    final_node.callable = detail::identity_callable();
    added.push_back(std::move(final_node));
  }

  detail::CheckArgs args_;
  bool custom_;
};

}  // namespace

namespace detail {
Modifier check_output_impl(CheckArgs args, bool custom) {
  return make<CheckOutputModifier>(std::move(args), custom);
}
}  // namespace detail

}  // namespace hamilton::modifiers
