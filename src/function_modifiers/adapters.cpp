// load_from / save_to / dataloader / datasaver (Python Hamilton's function_modifiers/adapters.py).
#include "hamilton/function_modifiers/adapters.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "function_modifiers/io_nodes.hpp"
#include "hamilton/registry/module.hpp"

namespace hamilton::modifiers {
namespace {

// The problems of a format and its arguments, reported on `node`; false if the format is unknown.
template <class Found>
bool check_format(BuildContext& ctx, const NodeSpec& node, const std::string& modifier,
                  const std::string& what, const io::Args& args, Found&& find,
                  const TypeInfo** type) {
  try {
    auto adapter = find();
    for (auto& p : io::argument_problems(what, args, adapter.required, adapter.optional))
      ctx.error(node, modifier, p, ErrorCode::bad_modifier);
    *type = adapter.type;
    return true;
  } catch (const io::IoError& e) {
    ctx.error(node, modifier, fmt::format("{}: {}", what, e.what()), ErrorCode::bad_modifier);
    return false;
  }
}

class LoadFrom final : public ModifierImpl {
 public:
  LoadFrom(std::string format, io::Args args, std::string inject)
      : format_(std::move(format)), args_(std::move(args)), inject_(std::move(inject)) {}
  std::string name() const override { return "load_from::" + format_; }
  ModifierStage stage() const override { return ModifierStage::inject; }
  void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const override {
    std::vector<NodeSpec> added;
    for (auto& n : nodes) {
      if (n.name != n.function_name) continue;  // the function's own node
      Parameter* p = nullptr;
      if (inject_.empty()) {
        if (n.parameters.size() != 1) {
          ctx.error(
              n, name(),
              n.parameters.empty()
                  ? fmt::format("`{}` has no parameters; the loaded data is injected into "
                                "one, so the function needs a parameter",
                                n.name)
                  : fmt::format("`{}` has {} parameters; pass the one to load as `inject` "
                                "(load_from::{}(args, \"{}\"))",
                                n.name, n.parameters.size(), format_, n.parameters.front().name),
              ErrorCode::bad_modifier);
          continue;
        }
        p = &n.parameters.front();
      } else {
        auto it = std::find_if(n.parameters.begin(), n.parameters.end(),
                               [&](const Parameter& q) { return q.name == inject_; });
        if (it == n.parameters.end()) {
          std::vector<std::string> names;
          for (const auto& q : n.parameters) names.push_back(q.name);
          ctx.error(n, name(),
                    fmt::format("`{}` has no parameter `{}` to load into; its parameters: {}",
                                n.name, inject_,
                                names.empty() ? std::string("(none)")
                                              : fmt::format("{}", fmt::join(names, ", "))),
                    ErrorCode::unknown_parameter);
          continue;
        }
        p = &*it;
      }
      const TypeInfo* made = nullptr;
      const std::string what =
          fmt::format("{} for parameter `{}` of `{}`", name(), p->name, n.name);
      if (!check_format(
              ctx, n, name(), what, args_, [&] { return io::find_loader(format_); }, &made))
        continue;
      const TypeInfo* wanted = p->any ? nullptr : p->type;
      if (made && wanted && !(*made == *wanted)) {
        ctx.error(n, name(),
                  fmt::format("{}: the {} loader makes a {}, but the parameter is a {}", what,
                              format_, made->name(), wanted->name()),
                  ErrorCode::type_mismatch);
        continue;
      }
      const std::string loader = n.name + ".load_data." + p->name;
      const std::string data = n.name + ".select_data." + p->name;
      for (auto& spec : ::hamilton::detail::loader_nodes(format_, args_, p->name, wanted, loader,
                                                         data, name())) {
        spec.function_name =
            n.function_name;  // made from this function (Hamilton's originating function)
        spec.module = n.module;
        spec.location = n.location;
        added.push_back(std::move(spec));
      }
      p->source = data;
    }
    for (auto& a : added) nodes.push_back(std::move(a));
  }

 private:
  std::string format_;
  io::Args args_;
  std::string inject_;
};

class SaveTo final : public ModifierImpl {
 public:
  SaveTo(std::string format, io::Args args, std::string output, std::string target)
      : format_(std::move(format)),
        args_(std::move(args)),
        output_(std::move(output)),
        target_(std::move(target)) {}
  std::string name() const override { return "save_to::" + format_; }
  ModifierStage stage() const override { return ModifierStage::transform; }
  void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const override {
    if (nodes.empty()) return;
    const NodeSpec* saved = nullptr;
    for (const auto& n : nodes)
      if (target_.empty() ? (nodes.size() == 1 || n.name == n.function_name) : n.name == target_)
        saved = &n;
    if (!saved) {
      std::vector<std::string> names;
      for (const auto& n : nodes) names.push_back(n.name);
      ctx.error(nodes.front(), name(),
                target_.empty()
                    ? fmt::format("the function makes several nodes ({}); pass the one to save "
                                  "as `target`",
                                  fmt::join(names, ", "))
                    : fmt::format("no node `{}` to save; the function makes {}", target_,
                                  fmt::join(names, ", ")),
                ErrorCode::unknown_target);
      return;
    }
    const std::string output = output_.empty() ? "save." + saved->name : output_;
    const std::string what = fmt::format("{} `{}` of `{}`", name(), output, saved->name);
    const TypeInfo* writes = nullptr;
    if (!check_format(
            ctx, *saved, name(), what, args_, [&] { return io::find_saver(format_); }, &writes))
      return;
    if (writes && !saved->returns_any && !(*writes == *saved->type)) {
      ctx.error(*saved, name(),
                fmt::format("{}: the {} saver writes a {}, but `{}` is a {}", what, format_,
                            writes->name(), saved->name, saved->type->name()),
                ErrorCode::type_mismatch);
      return;
    }
    NodeSpec spec = ::hamilton::detail::saver_node(format_, args_, output, saved->name, name());
    spec.function_name = saved->function_name;
    spec.module = saved->module;
    spec.location = saved->location;
    nodes.push_back(std::move(spec));
  }

 private:
  std::string format_;
  io::Args args_;
  std::string output_;
  std::string target_;
};

class DataLoader final : public ModifierImpl {
 public:
  DataLoader(const TypeInfo& pair, const TypeInfo& data, detail::FirstOf first)
      : pair_(pair), data_(data), first_(first) {}
  std::string name() const override { return "dataloader"; }
  ModifierStage stage() const override { return ModifierStage::generate; }
  void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const override {
    std::vector<NodeSpec> added;
    for (auto& n : nodes) {
      if (n.name != n.function_name) continue;
      if (n.returns_any || !(*n.type == pair_)) {
        ctx.error(
            n, name(),
            fmt::format("`{}` must return a {} (the data and the load's metadata), not a {}",
                        n.name, pair_.name(), n.returns_any ? "hamilton::Value" : n.type->name()),
            ErrorCode::bad_return_type);
        continue;
      }
      const std::string fn = n.name;
      n.name = fn + ".loader";
      n.tags["hamilton.data_loader"] = {"true"};
      n.tags["hamilton.data_loader.has_metadata"] = {"true"};
      n.tags["hamilton.data_loader.node"] = {fn};
      n.tags["hamilton.data_loader.classname"] = {fn + "()"};
      n.tags["hamilton.data_loader.source"] = {"loader"};
      auto first = first_;
      NodeSpec data = ::hamilton::detail::make_node_spec(
          fn, {n.name}, [first](const Value& pair) -> Value { return first(pair); },
          std::source_location{});
      data.returns_any = false;
      data.type = &data_;
      data.function_name = n.function_name;
      data.module = n.module;
      data.location = n.location;
      data.doc = n.doc;
      data.tags = {{"hamilton.data_loader", {"true"}},
                   {"hamilton.data_loader.has_metadata", {"false"}},
                   {"hamilton.data_loader.node", {fn}},
                   {"hamilton.data_loader.classname", {fn + "()"}},
                   {"hamilton.data_loader.source", {fn}}};
      added.push_back(std::move(data));
    }
    for (auto& a : added) nodes.push_back(std::move(a));
  }

 private:
  const TypeInfo& pair_;
  const TypeInfo& data_;
  detail::FirstOf first_;
};

class DataSaver final : public ModifierImpl {
 public:
  std::string name() const override { return "datasaver"; }
  ModifierStage stage() const override { return ModifierStage::generate; }
  void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const override {
    for (auto& n : nodes) {
      if (n.name != n.function_name) continue;
      if (n.returns_any || !(*n.type == TypeInfo::of<io::Metadata>())) {
        ctx.error(n, name(),
                  fmt::format("`{}` must return a hamilton::io::Metadata (what it saved), not a {}",
                              n.name, n.returns_any ? "hamilton::Value" : n.type->name()),
                  ErrorCode::bad_return_type);
        continue;
      }
      n.tags["hamilton.data_saver"] = {"true"};
      n.tags["hamilton.data_saver.sink"] = {n.name};
      n.tags["hamilton.data_saver.classname"] = {n.function_name + "()"};
    }
  }
};

}  // namespace

Modifier load_from::format(std::string name, io::Args args, std::string inject) {
  return Modifier(std::make_shared<LoadFrom>(std::move(name), std::move(args), std::move(inject)));
}

Modifier save_to::format(std::string name, io::Args args, std::string output_name,
                         std::string target) {
  return Modifier(std::make_shared<SaveTo>(std::move(name), std::move(args), std::move(output_name),
                                           std::move(target)));
}

Modifier detail::dataloader_modifier(const TypeInfo& pair_type, const TypeInfo& data_type,
                                     FirstOf first) {
  return Modifier(std::make_shared<DataLoader>(pair_type, data_type, first));
}

Modifier datasaver() { return Modifier(std::make_shared<DataSaver>()); }

}  // namespace hamilton::modifiers
