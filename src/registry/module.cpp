#include "hamilton/registry/module.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <source_location>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "registry/registry.hpp"

namespace hamilton {

Value Callable::call(std::span<const Value> args) const {
  if (!invoke_)
    throw Error(
        "Callable::call: the Callable is empty (it has no function); make it with "
        "Module::add(name, parameter_names, fn) or Callable(fn, invoker, ...)");
  if (arity_ != unknown_arity && args.size() != arity_)
    throw Error(
        fmt::format("Callable::call: the function takes {} argument(s) but {} {} given; "
                    "pass one Value per parameter, in parameter order",
                    arity_, args.size(), args.size() == 1 ? "was" : "were"));
  if (signature_) {
    for (std::size_t i = 0; i < args.size(); ++i) {
      const ArgumentType& want = signature_->arguments[i];
      if (!want.type) continue;  // a hamilton::Value parameter takes anything
      const Value& a = args[i];
      if (!a.has_value()) {
        if (want.optional) continue;
        throw ValueTypeError(want.type->name(), "empty",
                             fmt::format("Callable::call: argument {} is empty but parameter {} "
                                         "takes a {} (only a std::optional parameter may be "
                                         "given an empty Value)",
                                         i + 1, i + 1, want.type->name()));
      }
      if (!a.is(*want.type))
        throw ValueTypeError(want.type->name(), a.type().name(),
                             fmt::format("Callable::call: argument {} is a {} but parameter {} "
                                         "takes a {}",
                                         i + 1, a.type().name(), i + 1, want.type->name()));
    }
  }
  constexpr std::size_t kLocal = 16;
  if (args.size() <= kLocal) {
    std::uint32_t idx[kLocal];
    for (std::uint32_t i = 0; i < args.size(); ++i) idx[i] = i;
    return invoke_(fn_.get(), args.data(), idx);
  }
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

Module& Module::add(NodeSpec spec, std::source_location where) {
  spec.module = data_->name;
  if (spec.function_name.empty()) spec.function_name = spec.name;
  if (!spec.location.known() && where.file_name() && *where.file_name())
    spec.location = SourceLocation{where.file_name(), static_cast<int>(where.line())};
  // a type-erased callable reads as many arguments as the node has parameters
  if (spec.callable && spec.callable.arity() == Callable::unknown_arity)
    spec.callable = spec.callable.with_arity(spec.parameters.size());
  detail::check_node_spec(spec);
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

namespace {

bool is_identifier_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_identifier_char(char c) { return is_identifier_start(c) || (c >= '0' && c <= '9'); }

// A name as it can be shown in a message: control and non-ASCII bytes escaped, long names cut.
std::string shown(std::string_view name) {
  constexpr std::size_t kMax = 80;
  std::string out;
  for (std::size_t i = 0; i < name.size() && i < kMax; ++i) {
    auto c = static_cast<unsigned char>(name[i]);
    if (c < 0x20 || c >= 0x7f || c == '`')
      out += fmt::format("\\x{:02x}", c);
    else
      out += static_cast<char>(c);
  }
  if (name.size() > kMax) out += fmt::format("... ({} characters)", name.size());
  return out;
}

// A valid name close to `name`: every other character becomes `_`, empty parts `_`.
std::string repaired(std::string_view name) {
  std::string out;
  bool part_start = true;
  for (std::size_t i = 0; i < name.size() && i < 80; ++i) {
    char c = name[i];
    if (c == '.' && !part_start && i + 1 < name.size()) {
      out += '.';
      part_start = true;
      continue;
    }
    if (part_start && c >= '0' && c <= '9') out += '_';
    out += is_identifier_char(c) ? c : '_';
    part_start = false;
  }
  if (out.empty() || out.back() == '.') out += '_';
  return out;
}

std::string name_problem(std::string_view what, std::string_view name) {
  return fmt::format("{} `{}` is not a valid node name: {}; rename it, e.g. `{}`", what,
                     shown(name), node_name_rule(), repaired(name));
}

}  // namespace

bool is_valid_node_name(std::string_view name) noexcept {
  if (name.empty()) return false;
  bool part_start = true;
  for (char c : name) {
    if (c == '.') {
      if (part_start) return false;  // empty part: `.a`, `a..b`
      part_start = true;
    } else if (part_start ? is_identifier_start(c) : is_identifier_char(c)) {
      part_start = false;
    } else {
      return false;
    }
  }
  return !part_start;  // `a.` ends with an empty part
}

std::string_view node_name_rule() noexcept {
  return "a node name is one or more identifiers joined by `.`, each a letter (A-Z, a-z) or `_` "
         "followed by letters, digits and `_` (`spend`, `avg_3wk_spend`, `features.spend`)";
}

std::vector<SpecProblem> node_spec_problems(const NodeSpec& spec, bool check_parameters) {
  std::vector<SpecProblem> out;
  auto add = [&out](std::string message, ErrorCode code = ErrorCode::bad_node) {
    out.push_back(SpecProblem{code, std::move(message)});
  };
  if (spec.name.empty()) {
    add(fmt::format("a node needs a name: set NodeSpec::name ({})", node_name_rule()),
        ErrorCode::bad_name);
  } else if (!is_valid_node_name(spec.name)) {
    add(name_problem("the name", spec.name), ErrorCode::bad_name);
  }
  if (!spec.callable)
    add("the node has no callable: set NodeSpec::callable to the function that computes it "
        "(Module::add(name, parameter_names, fn) makes one from a function or a lambda)");
  if (!spec.type) {
    add("NodeSpec::type is null: set it to &hamilton::TypeInfo::of<T>(), T the type the callable "
        "returns (a callable returning hamilton::Value keeps the default and sets returns_any)");
  } else if (!spec.returns_any && *spec.type == TypeInfo::of<void>()) {
    add("the node declares no type (NodeSpec::type is void): set it to "
        "&hamilton::TypeInfo::of<T>(), T the type the callable returns, or set returns_any if "
        "the callable returns values whose type is known only at run time");
  }
  if (spec.item_type && !spec.split)
    add(
        fmt::format("NodeSpec::item_type is set (a hamilton::Parallelizable<{0}> node) but "
                    "NodeSpec::split is not: set it to &hamilton::Parallelizable<{0}>::split",
                    spec.item_type->name()));
  if (spec.split && !spec.item_type)
    add("NodeSpec::split is set but NodeSpec::item_type is not: set item_type to the type of one "
        "item of the hamilton::Parallelizable the node returns, or clear split");

  const std::size_t n = spec.parameters.size();
  for (std::size_t i = 0; i < n && check_parameters; ++i) {
    const Parameter& p = spec.parameters[i];
    if (p.name.empty()) {
      add(
          fmt::format("parameter {} has no name; every parameter needs a name: it is the node it "
                      "depends on",
                      i + 1));
      continue;
    }
    bool twice = false;
    for (std::size_t j = 0; j < i && !twice; ++j) twice = spec.parameters[j].name == p.name;
    if (twice) add(fmt::format("parameter `{}` appears twice", shown(p.name)));
    if (!p.is_bound() && !is_valid_node_name(p.node_name()))
      add(p.source.empty()
              ? name_problem(fmt::format("parameter {} names the node it reads, but", i + 1),
                             p.name)
              : name_problem(fmt::format("parameter `{}` reads a source, but", shown(p.name)),
                             p.source),
          ErrorCode::bad_name);
    if (!p.type) {
      add(
          fmt::format("parameter `{}` has a null type: set Parameter::type to "
                      "&hamilton::TypeInfo::of<T>() (or any = true to accept a value of any type)",
                      shown(p.name)));
    } else if (!p.any && *p.type == TypeInfo::of<void>()) {
      add(
          fmt::format("parameter `{}` has no type (Parameter::type is void): set it to "
                      "&hamilton::TypeInfo::of<T>(), or any = true to accept a value of any type",
                      shown(p.name)));
    }
    if (p.collect_item && !p.make_collect)
      add(
          fmt::format("parameter `{0}` gathers {1} values (Parameter::collect_item is set) but "
                      "Parameter::make_collect is not: set it to &hamilton::Collect<{1}>::gather",
                      shown(p.name), p.collect_item->name()));
    if (p.make_collect && !p.collect_item)
      add(
          fmt::format("parameter `{}` has Parameter::make_collect but no collect_item: set "
                      "collect_item to the type of the values it gathers, or clear make_collect",
                      shown(p.name)));
  }

  if (!spec.callable) return out;
  const std::size_t arity = spec.callable.arity();
  if (arity != Callable::unknown_arity && arity != n) {
    add(
        fmt::format("the callable takes {} argument(s) but the node declares {} parameter(s); "
                    "give one Parameter per argument of the callable, in order",
                    arity, n));
    return out;
  }
  const CallSignature* sig = spec.callable.signature();
  if (!sig) return out;
  for (std::size_t i = 0; i < n; ++i) {
    const ArgumentType& want = sig->arguments[i];
    const Parameter& p = spec.parameters[i];
    if (!want.type || !p.type) continue;  // the callable takes any value (or reported above)
    // spelled only when there is a problem to report
    auto label = [&p, i] {
      return p.name.empty() ? std::to_string(i + 1) : fmt::format("`{}`", shown(p.name));
    };
    if (p.any) {
      add(
          fmt::format("parameter {} accepts a value of any type (Parameter::any) but the callable "
                      "takes a {}: set Parameter::type to &hamilton::TypeInfo::of<{}>() and any "
                      "to false",
                      label(), want.type->name(), want.type->name()));
    } else if (!(*p.type == *want.type)) {
      add(
          fmt::format("parameter {} is declared as a {} but the callable takes a {}: set "
                      "Parameter::type to &hamilton::TypeInfo::of<{}>()",
                      label(), p.type->name(), want.type->name(), want.type->name()));
    } else if (p.optional && !want.optional) {
      add(
          fmt::format("parameter {} is optional (Parameter::optional) but the callable takes a "
                      "plain {}, which cannot be absent: take a std::optional<{}>, or set "
                      "optional to false",
                      label(), want.type->name(), want.type->name()));
    }
  }
  if (sig->result && spec.type && !spec.returns_any && !(*sig->result == *spec.type) &&
      !(*spec.type == TypeInfo::of<void>()))
    add(
        fmt::format("the node is declared to return a {} (NodeSpec::type) but the callable "
                    "returns a {}: set NodeSpec::type to &hamilton::TypeInfo::of<{}>()",
                    spec.type->name(), sig->result->name(), sig->result->name()));
  return out;
}

void check_node_spec(NodeSpec& spec) {
  // after a parse error (or a count of names that does not match the function), the parameters
  // are known to be wrong and the message says how; the rest of the spec is still checked
  for (auto& problem : node_spec_problems(spec, spec.errors.empty()))
    spec.errors.push_back(std::move(problem.message));
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
