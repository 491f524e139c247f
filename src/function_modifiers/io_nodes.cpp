// The nodes of loaders and savers (see io_nodes.hpp).
#include "function_modifiers/io_nodes.hpp"

#include <fmt/format.h>

#include "hamilton/registry/module.hpp"
#include "hamilton/result/outputs.hpp"

namespace hamilton::detail {
namespace {

std::string source_of(const io::Args& args) {
  std::string out;
  for (const char* key : {"path", "table", "query"}) {
    auto it = args.find(key);
    if (it == args.end()) continue;
    if (const auto* s = it->second.get_if<std::string>()) {
      if (!out.empty()) out += ", ";
      out += fmt::format("{} '{}'", key, *s);
    }
  }
  return out.empty() ? std::string("its arguments") : out;
}

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
  auto load = [format, args, target, origin, source]() -> io::Loaded {
    try {
      return io::load(format, args);
    } catch (const Error& e) {
      throw io::IoError(
          fmt::format("{} for node `{}` (from {}): {}", origin, target, source, e.what()));
    }
  };
  NodeSpec loader = make_node_spec(loader_name, {}, std::move(load), std::source_location{});
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
  auto save = [format, args, name, dependency, origin, source](const Value& data) -> io::Metadata {
    try {
      return io::save(format, data, args);
    } catch (const Error& e) {
      throw io::IoError(fmt::format("{} `{}` saving node `{}` (to {}): {}", origin, name,
                                    dependency, source, e.what()));
    }
  };
  NodeSpec spec = make_node_spec(name, {dependency}, std::move(save), std::source_location{});
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
