// The nodes of loaders and savers (see io_nodes.hpp).
#include "function_modifiers/io_nodes.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "hamilton/function_modifiers/dependencies.hpp"
#include "hamilton/registry/module.hpp"
#include "hamilton/result/outputs.hpp"

namespace hamilton::detail {
namespace {

using modifiers::ParamSpec;

std::string source_of(const io::Args& args) {
  std::string out;
  for (const char* key : {"path", "table", "query"}) {
    auto it = args.find(key);
    if (it == args.end()) continue;
    if (!out.empty()) out += ", ";
    if (const auto* s = it->second.get_if<std::string>())
      out += fmt::format("{} '{}'", key, *s);
    else if (const auto* spec = it->second.get_if<ParamSpec>())
      out += fmt::format("{} {}", key, spec->describe());
    else
      out += key;
  }
  return out.empty() ? std::string("its arguments") : out;
}

// The arguments of a loader or saver that read nodes (`{"path", source("load_path")}`, as
// Hamilton's `from_.csv(path=source("load_path"))`): `value(...)` specs become their literal,
// `source(...)` specs are listed in `reads` (argument, node) and left for the call to fill in.
struct ArgSources {
  io::Args fixed;
  std::vector<std::pair<std::string, std::string>> reads;
  std::vector<std::string> nodes;  ///< the nodes read, each once, in order
  /// Per read: the node's parameter index (set when the node's parameters are laid out).
  std::vector<std::size_t> positions;
  void lay_out(const std::vector<Parameter>& parameters) {
    positions.clear();
    for (const auto& [key, node] : reads)
      for (std::size_t i = 0; i < parameters.size(); ++i)
        if (parameters[i].name == node) positions.push_back(i);
  }
};

ArgSources arg_sources(const io::Args& args, const std::string& what) {
  ArgSources out;
  for (const auto& [key, v] : args) {
    const auto* spec = v.get_if<ParamSpec>();
    if (!spec) {
      out.fixed[key] = v;
    } else if (spec->is_value()) {
      out.fixed[key] = spec->literal();
    } else if (spec->is_source()) {
      out.reads.emplace_back(key, spec->name());
      if (std::find(out.nodes.begin(), out.nodes.end(), spec->name()) == out.nodes.end())
        out.nodes.push_back(spec->name());
    } else {
      throw io::IoError(
          fmt::format("{}: argument `{}` is {}; a loader or saver argument is a "
                      "value, value(...) or source(...)",
                      what, key, spec->describe()));
    }
  }
  return out;
}

// The arguments with the values of the nodes they read (parameter i's value is
// `slots[args[i]]`).
io::Args filled(const ArgSources& a, const Value* slots, const std::uint32_t* args) {
  io::Args out = a.fixed;
  for (std::size_t r = 0; r < a.reads.size(); ++r)
    out[a.reads[r].first] = slots[args[a.positions[r]]];
  return out;
}

Parameter any_parameter(const std::string& name) {
  Parameter p;
  p.name = name;
  p.any = true;
  return p;
}

// A loader: its parameters are the nodes its arguments read (none for plain values).
struct SourcedLoad {
  std::string format, target, origin, source;
  ArgSources args;
  static Value call(const void* fn, const Value* slots, const std::uint32_t* args) {
    const auto& self = *static_cast<const SourcedLoad*>(fn);
    try {
      return Value(io::load(self.format, filled(self.args, slots, args)));
    } catch (const Error& e) {
      throw io::IoError(fmt::format("{} for node `{}` (from {}): {}", self.origin, self.target,
                                    self.source, e.what()));
    }
  }
};

// A saver: its first parameter is the saved node, then the nodes its arguments read.
struct SourcedSave {
  std::string format, name, dependency, origin, source;
  ArgSources args;
  static Value call(const void* fn, const Value* slots, const std::uint32_t* args) {
    const auto& self = *static_cast<const SourcedSave*>(fn);
    try {
      return Value(io::save(self.format, slots[args[0]], filled(self.args, slots, args)));
    } catch (const Error& e) {
      throw io::IoError(fmt::format("{} `{}` saving node `{}` (to {}): {}", self.origin, self.name,
                                    self.dependency, self.source, e.what()));
    }
  }
};

struct Join {
  std::shared_ptr<const std::vector<std::string>> names;
  std::shared_ptr<const ResultBuilder> builder;
  static Value call(const void* fn, const Value* slots, const std::uint32_t* args) {
    const auto& self = *static_cast<const Join*>(fn);
    std::vector<Value> values(self.names->size());
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = slots[args[i]];
    return self.builder->build(Outputs(self.names, std::move(values)));
  }
};

}  // namespace

std::vector<NodeSpec> loader_nodes(const std::string& format, const io::Args& args,
                                   const std::string& target, const TypeInfo* type,
                                   const std::string& loader_name, const std::string& data_name,
                                   const std::string& origin) {
  const std::string source = source_of(args);
  ArgSources sources = arg_sources(args, fmt::format("{} for node `{}`", origin, target));
  NodeSpec loader;
  loader.name = loader_name;
  loader.function_name = loader_name;
  for (const auto& n : sources.nodes) loader.parameters.push_back(any_parameter(n));
  sources.lay_out(loader.parameters);
  loader.type = &TypeInfo::of<io::Loaded>();
  const std::size_t count = loader.parameters.size();
  auto load = std::make_shared<const SourcedLoad>(
      SourcedLoad{format, target, origin, source, std::move(sources)});
  loader.callable = Callable(load, &SourcedLoad::call, count);
  loader.doc = fmt::format("Loads `{}` with the {} loader ({}).", target, format, source);
  loader.tags = {{"hamilton.data_loader", {"true"}},
                 {"hamilton.data_loader.has_metadata", {"true"}},
                 {"hamilton.data_loader.source", {format}},
                 {"hamilton.data_loader.classname", {origin}},
                 {"hamilton.data_loader.node", {target}}};

  auto select = [type, target, origin, format](const io::Loaded& loaded) -> Value {
    if (type && !loaded.data.is(*type))
      throw io::IoError(fmt::format("{} for node `{}`: the {} loader made a {}, but `{}` is a {}",
                                    origin, target, format, loaded.data.type().name(), target,
                                    type->name()));
    return loaded.data;
  };
  NodeSpec data =
      make_node_spec(data_name, {loader_name}, std::move(select), std::source_location{});
  if (type) {
    data.returns_any = false;
    data.type = type;
  }
  data.doc = fmt::format("`{}`, loaded by `{}`.", target, loader_name);
  data.tags = {{"hamilton.data_loader", {"true"}},
               {"hamilton.data_loader.has_metadata", {"false"}},
               {"hamilton.data_loader.source", {format}},
               {"hamilton.data_loader.classname", {origin}},
               {"hamilton.data_loader.node", {target}}};
  return {std::move(loader), std::move(data)};
}

NodeSpec saver_node(const std::string& format, const io::Args& args, const std::string& name,
                    const std::string& dependency, const std::string& origin) {
  const std::string source = source_of(args);
  ArgSources sources = arg_sources(args, fmt::format("{} `{}`", origin, name));
  NodeSpec spec;
  spec.name = name;
  spec.function_name = name;
  spec.parameters.push_back(any_parameter(dependency));
  for (const auto& n : sources.nodes)
    if (n != dependency) spec.parameters.push_back(any_parameter(n));
  sources.lay_out(spec.parameters);
  spec.type = &TypeInfo::of<io::Metadata>();
  const std::size_t count = spec.parameters.size();
  auto save = std::make_shared<const SourcedSave>(
      SourcedSave{format, name, dependency, origin, source, std::move(sources)});
  spec.callable = Callable(save, &SourcedSave::call, count);
  spec.doc = fmt::format("Saves `{}` with the {} saver ({}).", dependency, format, source);
  spec.tags = {{"hamilton.data_saver", {"true"}},
               {"hamilton.data_saver.sink", {format}},
               {"hamilton.data_saver.classname", {origin}}};
  return spec;
}

NodeSpec join_node(const std::string& name, const std::vector<std::string>& dependencies,
                   std::shared_ptr<const ResultBuilder> builder) {
  NodeSpec spec;
  spec.name = name;
  spec.function_name = name;
  for (const auto& d : dependencies) {
    Parameter p;
    p.name = d;
    p.any = true;
    spec.parameters.push_back(std::move(p));
  }
  spec.returns_any = true;
  constexpr std::string_view kSuffix = "_build_result";
  std::string id = name.ends_with(kSuffix) ? name.substr(0, name.size() - kSuffix.size()) : name;
  spec.doc = fmt::format("Builds the result for {} materializer", id);
  auto join = std::make_shared<const Join>(
      Join{std::make_shared<const std::vector<std::string>>(dependencies), std::move(builder)});
  spec.callable = Callable(join, &Join::call, dependencies.size());
  return spec;
}

}  // namespace hamilton::detail
