#include "hamilton/driver/driver.hpp"
#include "common/access.hpp"

#include <fmt/format.h>

#include <mutex>
#include <shared_mutex>

#include "data_quality/act.hpp"
#include "driver/driver_state.hpp"

namespace hamilton {
namespace {

constexpr std::size_t kMaxCachedPlans = 1024;

std::vector<std::string> names_of(const ValueMap& values) {
  std::vector<std::string> out;
  out.reserve(values.size());
  for (const auto& [k, v] : values) out.push_back(k);
  return out;
}

std::string cache_key(const std::vector<std::string>& outputs, const ValueMap& inputs,
                      const ValueMap& overrides) {
  std::string key;
  for (const auto& o : outputs) (key += o) += '\x1f';
  key += '\x1e';
  for (const auto& [k, v] : inputs) (key += k) += '\x1f';
  key += '\x1e';
  for (const auto& [k, v] : overrides) (key += k) += '\x1f';
  return key;
}

std::vector<Value> values_of(const ValueMap& values) {
  std::vector<Value> out;
  out.reserve(values.size());
  for (const auto& [k, v] : values) out.push_back(v);
  return out;
}

}  // namespace

namespace detail {

// The cached plan for a request, or an InputError with every problem (including input types).
std::shared_ptr<const PlanImpl> plan_for(const DriverState& s, const std::vector<std::string>& outputs,
                                         const ValueMap& inputs, const ValueMap& overrides) {
  std::string key = cache_key(outputs, inputs, overrides);
  {
    std::shared_lock lock(s.mutex);
    auto it = s.plans.find(key);
    if (it != s.plans.end()) return it->second;
  }
  std::vector<Problem> problems;
  auto plan = make_plan(s.graph.shared_impl(), outputs, names_of(inputs), names_of(overrides), problems);
  if (!plan) {
    check_value_types(s.graph.impl(), inputs, overrides, problems);
    throw InputError(std::move(problems));
  }
  std::unique_lock lock(s.mutex);
  auto& cache = const_cast<DriverState&>(s).plans;
  if (cache.size() >= kMaxCachedPlans) cache.clear();
  cache.emplace(std::move(key), plan);
  return plan;
}

}  // namespace detail

Outputs Driver::raw_execute(const std::vector<std::string>& outputs, const Inputs& inputs,
                            const Overrides& overrides) const {
  auto plan = detail::plan_for(*state_, outputs, inputs, overrides);
  return detail::run_plan(*plan, *state_->executor, state_->hooks.get(), values_of(inputs),
                          values_of(overrides));
}

Result Driver::execute(const std::vector<std::string>& outputs, const Inputs& inputs,
                       const Overrides& overrides) const {
  auto plan = detail::plan_for(*state_, outputs, inputs, overrides);
  Outputs data_quality;
  Outputs out = detail::run_plan(*plan, *state_->executor, state_->hooks.get(), values_of(inputs),
                                 values_of(overrides), &data_quality);
  detail::act_on_data_quality(data_quality);  // warn, or raise every `fail` failure at once
  Value built = state_->result_builder->build(out);
  return Result(std::move(out), std::move(built), state_->result_builder->name(),
                std::move(data_quality));
}

Plan Driver::compile(const std::vector<std::string>& outputs, const std::vector<std::string>& input_names,
                     const std::vector<std::string>& override_names) const {
  std::vector<Problem> problems;
  auto plan = detail::make_plan(state_->graph.shared_impl(), outputs, input_names, override_names, problems);
  if (!plan) throw InputError(std::move(problems));
  return detail::Access::make<Plan>(std::move(plan), state_->executor, state_->hooks);
}

void Driver::validate_execution(const std::vector<std::string>& outputs, const Inputs& inputs,
                                const Overrides& overrides) const {
  std::vector<Problem> problems;
  auto plan = detail::make_plan(state_->graph.shared_impl(), outputs, names_of(inputs),
                                names_of(overrides), problems);
  detail::check_value_types(state_->graph.impl(), inputs, overrides, problems);
  if (!problems.empty()) throw InputError(std::move(problems));
}

std::vector<Variable> Driver::list_available_variables(const TagFilter& tag_filter) const {
  return state_->graph.variables(tag_filter);
}

std::vector<Variable> Driver::what_is_upstream_of(const std::vector<std::string>& names) const {
  return state_->graph.upstream_of(names);
}

std::vector<Variable> Driver::what_is_downstream_of(const std::vector<std::string>& names) const {
  return state_->graph.downstream_of(names);
}

std::vector<Variable> Driver::what_is_the_path_between(std::string_view upstream,
                                                       std::string_view downstream) const {
  return state_->graph.path_between(upstream, downstream);
}

const Graph& Driver::graph() const { return state_->graph; }
const ValueMap& Driver::config() const { return state_->graph.config(); }
const ResultBuilder& Driver::result_builder() const { return *state_->result_builder; }
const Executor& Driver::executor() const { return *state_->executor; }

std::size_t Driver::cached_plans() const {
  std::shared_lock lock(state_->mutex);
  return state_->plans.size();
}

}  // namespace hamilton
