#include "hamilton/driver/driver.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <shared_mutex>
#include <span>
#include <string_view>

#include "common/access.hpp"
#include "data_quality/act.hpp"
#include "driver/cache_run.hpp"
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

// The request's names, hashed without building a key (FNV-1a over every name, with separators).
std::uint64_t request_hash(const std::vector<std::string>& outputs, const ValueMap& inputs,
                           const ValueMap& overrides) {
  std::uint64_t h = 14695981039346656037ull;
  auto add = [&h](std::string_view name) {
    for (unsigned char c : name) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0x100u) * 1099511628211ull;  // ends a name (no byte has this value)
  };
  for (const auto& o : outputs) add(o);
  h = (h ^ 0x200u) * 1099511628211ull;
  for (const auto& [k, v] : inputs) add(k);
  h = (h ^ 0x300u) * 1099511628211ull;
  for (const auto& [k, v] : overrides) add(k);
  return h;
}

// std::string keeps at least this many characters in its buffer (in place when short), so the
// first 8 bytes of any string's data() can be read (libstdc++, libc++ and MSVC: 15 or more).
const bool kEightBytesReadable =
    std::endian::native == std::endian::little && std::string().capacity() >= 8;

// Equal names, compared inline: names are short, and a call to memcmp would cost more.
inline bool same_name(const std::string& a, const std::string& b) noexcept {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  if (n < 8 && kEightBytesReadable) {
    std::uint64_t x, y;
    std::memcpy(&x, a.data(), 8);
    std::memcpy(&y, b.data(), 8);
    return ((x ^ y) & ((std::uint64_t{1} << (8 * n)) - 1)) == 0;  // the first n bytes
  }
  return std::memcmp(a.data(), b.data(), n) == 0;
}

bool same_names(const std::vector<std::string>& cached, const ValueMap& values) {
  if (cached.size() != values.size()) return false;
  auto it = cached.begin();
  for (const auto& [k, v] : values)
    if (!same_name(*it++, k)) return false;
  return true;
}

// True if `c` was planned for exactly these names (content, not identity).
bool same_request(const detail::CachedPlan& c, const std::vector<std::string>& outputs,
                  const ValueMap& inputs, const ValueMap& overrides) {
  const std::size_t n = outputs.size();
  if (c.outputs.size() != n || !same_names(c.inputs, inputs) || !same_names(c.overrides, overrides))
    return false;
  const std::string* cached = c.outputs.data();
  const std::string* given = outputs.data();
  for (std::size_t i = 0; i < n; ++i)
    if (!same_name(cached[i], given[i])) return false;
  return true;
}

// The values of a ValueMap in name order, without allocating for a few.
class ValuesOf {
 public:
  explicit ValuesOf(const ValueMap& values) {
    Value* out = small_;
    if (values.size() > kSmall) {
      large_.resize(values.size());
      out = large_.data();
    }
    for (const auto& [k, v] : values) *out++ = v;
    span_ = std::span<const Value>(values.size() > kSmall ? large_.data() : small_, values.size());
  }
  std::span<const Value> span() const noexcept { return span_; }

 private:
  static constexpr std::size_t kSmall = 8;
  Value small_[kSmall];
  std::vector<Value> large_;
  std::span<const Value> span_;
};

}  // namespace

namespace detail {

// The cached plan for a request, or an InputError with every problem (including input types).
std::shared_ptr<const PlanImpl> plan_for(const DriverState& s,
                                         const std::vector<std::string>& outputs,
                                         const ValueMap& inputs, const ValueMap& overrides) {
  std::uint64_t hash;
  {
    std::shared_lock lock(s.mutex);
    const CachedPlan* last = s.last.load(std::memory_order_acquire);
    if (last && same_request(*last, outputs, inputs, overrides)) return last->plan;
    hash = request_hash(outputs, inputs, overrides);
    auto [it, end] = s.plans.equal_range(hash);
    for (; it != end; ++it) {
      if (!same_request(*it->second, outputs, inputs, overrides)) continue;
      s.last.store(it->second.get(), std::memory_order_release);
      return it->second->plan;
    }
  }
  std::vector<Problem> problems;
  auto entry = std::make_unique<CachedPlan>();
  entry->outputs = outputs;
  entry->inputs = names_of(inputs);
  entry->overrides = names_of(overrides);
  entry->plan =
      make_plan(s.graph.shared_impl(), outputs, entry->inputs, entry->overrides, problems);
  if (!entry->plan) {
    check_value_types(s.graph.impl(), inputs, overrides, problems);
    throw InputError(std::move(problems));
  }
  auto plan = entry->plan;
  std::unique_lock lock(s.mutex);
  auto& cache = const_cast<DriverState&>(s).plans;
  if (cache.size() >= kMaxCachedPlans) {
    s.last.store(nullptr, std::memory_order_release);
    cache.clear();
  }
  s.last.store(entry.get(), std::memory_order_release);
  cache.emplace(hash, std::move(entry));
  return plan;
}

}  // namespace detail

Outputs Driver::raw_execute(const std::vector<std::string>& outputs, const Inputs& inputs,
                            const Overrides& overrides) const {
  if (state_->cache)
    return detail::run_with_cache(*state_, outputs, inputs, overrides, nullptr, nullptr);
  auto plan = detail::plan_for(*state_, outputs, inputs, overrides);
  return detail::run_plan(*plan, *state_->executor, state_->hooks.get(), ValuesOf(inputs).span(),
                          ValuesOf(overrides).span(), nullptr, nullptr, state_->graceful.get());
}

Outputs Driver::raw_execute(const RunOptions& options, const std::vector<std::string>& outputs,
                            const Inputs& inputs, const Overrides& overrides) const {
  if (state_->cache)
    return detail::run_with_cache(*state_, outputs, inputs, overrides, nullptr, &options);
  auto plan = detail::plan_for(*state_, outputs, inputs, overrides);
  return detail::run_plan(*plan, *state_->executor, state_->hooks.get(), ValuesOf(inputs).span(),
                          ValuesOf(overrides).span(), nullptr, &options, state_->graceful.get());
}

Result Driver::execute(const std::vector<std::string>& outputs, const Inputs& inputs,
                       const Overrides& overrides) const {
  return run(*state_, outputs, inputs, overrides, nullptr);
}

Result Driver::execute(const RunOptions& options, const std::vector<std::string>& outputs,
                       const Inputs& inputs, const Overrides& overrides) const {
  return run(*state_, outputs, inputs, overrides, &options);
}

Result Driver::run(const detail::DriverState& state, const std::vector<std::string>& outputs,
                   const Inputs& inputs, const Overrides& overrides, const RunOptions* options) {
  Outputs data_quality;
  std::shared_ptr<const Outputs> out;
  if (state.cache) {
    out = std::make_shared<const Outputs>(
        detail::run_with_cache(state, outputs, inputs, overrides, &data_quality, options));
  } else {
    auto plan = detail::plan_for(state, outputs, inputs, overrides);
    out = std::make_shared<const Outputs>(
        detail::run_plan(*plan, *state.executor, state.hooks.get(), ValuesOf(inputs).span(),
                         ValuesOf(overrides).span(), &data_quality, options, state.graceful.get()));
  }
  detail::act_on_data_quality(data_quality);  // warn, or raise every `fail` failure at once
  // a DictResult's product is the outputs themselves: shared, not copied
  if (state.dict_result) {
    Value built = Value::from_shared(out);
    return Result(std::move(out), std::move(built), state.builder_name, std::move(data_quality));
  }
  // after graceful failure, the builder gets the outputs that were computed
  Value built;
  if (out->complete()) {
    built = state.result_builder->build(*out);
  } else {
    std::vector<std::string> names;
    std::vector<Value> values;
    for (std::size_t i = 0; i < out->size(); ++i) {
      if (!out->value(i).has_value()) continue;
      names.push_back(out->name(i));
      values.push_back(out->value(i));
    }
    built = state.result_builder->build(Outputs(
        std::make_shared<const std::vector<std::string>>(std::move(names)), std::move(values)));
  }
  return Result(std::move(out), std::move(built), state.builder_name, std::move(data_quality));
}

Plan Driver::compile(const std::vector<std::string>& outputs,
                     const std::vector<std::string>& input_names,
                     const std::vector<std::string>& override_names) const {
  std::vector<Problem> problems;
  auto plan = detail::make_plan(state_->graph.shared_impl(), outputs, input_names, override_names,
                                problems);
  if (!plan) throw InputError(std::move(problems));
  return detail::Access::make<Plan>(std::move(plan), state_->executor, state_->hooks,
                                    state_->graceful);
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

caching::Cache Driver::cache() const {
  if (!state_->cache)
    throw Error(
        "Driver::cache: this driver has no result cache; build it with "
        "Builder().with_cache(...)");
  return detail::Access::make<caching::Cache>(state_->cache);
}

bool Driver::has_cache() const noexcept { return state_->cache != nullptr; }

std::size_t Driver::cached_plans() const {
  std::shared_lock lock(state_->mutex);
  return state_->plans.size();
}

}  // namespace hamilton
