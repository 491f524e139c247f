#include "hamilton/registry/module.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "registry/registry.hpp"

namespace hamilton {

Value Callable::call(std::span<const Value> args) const {
  std::vector<std::uint32_t> idx(args.size());
  for (std::uint32_t i = 0; i < idx.size(); ++i) idx[i] = i;
  return invoke_(fn_.get(), args.data(), idx.data());
}

Module::Module(std::string name) : data_(std::make_shared<detail::ModuleData>()) {
  data_->name = std::move(name);
}

const std::string& Module::name() const { return data_->name; }
const std::string& Module::file() const { return data_->file; }

std::vector<NodeSpec> Module::nodes() const {
  std::lock_guard lock(data_->mutex);
  return data_->nodes;
}

std::size_t Module::size() const {
  std::lock_guard lock(data_->mutex);
  return data_->nodes.size();
}

void Module::visit_nodes(const std::function<void(const NodeSpec&)>& f) const {
  std::lock_guard lock(data_->mutex);
  for (const auto& n : data_->nodes) f(n);
}

Module& Module::add(NodeSpec spec) {
  spec.module = data_->name;
  if (spec.function_name.empty()) spec.function_name = spec.name;
  detail::check_parameter_names(spec);
  std::lock_guard lock(data_->mutex);
  data_->nodes.push_back(std::move(spec));
  return *this;
}

void Module::record_registration_failure(const char* name, const char* file, int line) noexcept {
  try {
    NodeSpec spec;
    spec.name = name;
    spec.function_name = name;
    spec.module = data_->name;
    spec.location = SourceLocation{file, line};
    spec.errors.push_back("registering the node failed (out of memory?)");
    std::lock_guard lock(data_->mutex);
    data_->nodes.push_back(std::move(spec));
  } catch (...) {
  }
}

namespace detail {

void check_parameter_names(NodeSpec& spec) {
  for (std::size_t i = 0; i < spec.parameters.size(); ++i) {
    if (spec.parameters[i].name.empty() && spec.errors.empty())
      spec.errors.push_back("parameter " + std::to_string(i + 1) + " has no name");
    for (std::size_t j = 0; j < i; ++j)
      if (!spec.parameters[i].name.empty() && spec.parameters[i].name == spec.parameters[j].name &&
          spec.errors.empty())
        spec.errors.push_back("parameter `" + spec.parameters[i].name + "` appears twice");
  }
  if (spec.name.empty()) spec.errors.push_back("a node needs a name");
}

Registry& registry() {
  static Registry instance;
  return instance;
}

Module Registry::get_or_create(std::string_view name, const char* file) {
  std::lock_guard lock(mutex_);
  auto it = modules_.find(name);
  if (it != modules_.end()) return Module(it->second);
  auto data = std::make_shared<ModuleData>();
  data->name = std::string(name);
  data->file = file ? file : "";
  modules_.emplace(std::string(name), data);
  return Module(data);
}

std::optional<Module> Registry::find(std::string_view name) const {
  std::lock_guard lock(mutex_);
  auto it = modules_.find(name);
  if (it == modules_.end()) return std::nullopt;
  return Module(it->second);
}

std::vector<std::string> Registry::names() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& [name, data] : modules_) out.push_back(name);
  return out;
}

Module register_module(std::string_view name, const char* file, int /*line*/) {
  return registry().get_or_create(name, file);
}

}  // namespace detail

std::vector<std::string> registered_modules() { return detail::registry().names(); }

std::optional<Module> find_module(std::string_view name) { return detail::registry().find(name); }

}  // namespace hamilton
