// with_columns (Hamilton's pandas with_columns): column operations from modules, run on a
// DataFrame parameter and appended to it. Needs hamilton::DataFrame (the frame layer).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "function_modifiers/common.hpp"
#include "function_modifiers/subdag_nodes.hpp"
#include "hamilton/frame/dataframe.hpp"
#include "hamilton/function_modifiers/recursive.hpp"

namespace hamilton::modifiers {
namespace {

using detail::ModuleRef;

bool is_series(const NodeSpec& n) { return !n.returns_any && *n.type == TypeInfo::of<Series>(); }

// A parameter named `name` that reads node `node` as a `type` (any value if null).
Parameter reading(const std::string& name, const std::string& node, const TypeInfo* type) {
  Parameter p;
  p.name = name;
  if (node != name) p.source = node;
  if (type)
    p.type = type;
  else
    p.any = true;
  return p;
}

// The DataFrame argument of a with_columns node, or a ValueTypeError naming `what`.
const DataFrame& frame_argument(const Value& v, const std::string& node, const std::string& what) {
  if (const DataFrame* df = v.get_if<DataFrame>()) return *df;
  const std::string got = v.has_value() ? v.type().name() : std::string("empty value");
  throw ValueTypeError(TypeInfo::of<DataFrame>().name(), got,
                       fmt::format("with_columns: `{}` got a {} from `{}`, not a "
                                   "hamilton::DataFrame",
                                   node, got, what));
}

// Each module's nodes in the order of their functions' names, as Hamilton collects a module's
// functions (inspect.getmembers); the modules stay in the order given.
void order_like_hamilton(std::vector<NodeSpec>& nodes) {
  auto begin = nodes.begin();
  while (begin != nodes.end()) {
    auto end = std::find_if(begin, nodes.end(),
                            [&](const NodeSpec& n) { return n.module != begin->module; });
    std::stable_sort(begin, end, [](const NodeSpec& a, const NodeSpec& b) {
      return a.function_name < b.function_name;
    });
    begin = end;
  }
}

class WithColumnsModifier final : public ModifierImpl {
 public:
  WithColumnsModifier(std::vector<ModuleRef> modules, WithColumnsOptions options)
      : modules_(std::move(modules)), options_(std::move(options)) {}
  std::string name() const override { return "with_columns"; }
  ModifierStage stage() const override { return ModifierStage::generate; }

  void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const override {
    if (nodes.empty()) return;
    NodeSpec f = nodes.front();
    auto fail = [&](const std::string& message, ErrorCode code = ErrorCode::bad_modifier) {
      ctx.error(f, name(), message, code);
    };
    const bool pass = !options_.columns_to_pass.empty();
    const bool on = !options_.on_input.empty();
    if (pass == on) {
      fail(fmt::format(
          "gives {} columns_to_pass {} on_input; give one: columns_to_pass lists the columns "
          "taken out of the first parameter's DataFrame for the operations, on_input names the "
          "DataFrame parameter the operations read whole",
          pass ? "both" : "neither", pass ? "and" : "nor"));
      return;
    }
    if (!on && f.parameters.empty()) {
      fail(
          fmt::format("`{}` takes no parameters; with_columns works on a DataFrame parameter "
                      "(the first, or the one on_input names)",
                      f.name));
      return;
    }
    const std::string target = on ? options_.on_input : f.parameters.front().name;
    auto param = std::find_if(f.parameters.begin(), f.parameters.end(),
                              [&](const Parameter& p) { return p.name == target; });
    if (param == f.parameters.end()) {
      fail(fmt::format("on_input names `{}`, which `{}` does not take (its parameters: {})", target,
                       f.name, detail::parameter_list(f)),
           ErrorCode::unknown_parameter);
      return;
    }
    if (param->is_bound()) {
      fail(
          fmt::format("parameter `{}` of `{}` is bound to a value; with_columns needs a "
                      "DataFrame parameter read from a node",
                      target, f.name));
      return;
    }
    if (!param->any && !(*param->type == TypeInfo::of<DataFrame>())) {
      fail(
          fmt::format("parameter `{}` of `{}` is a {}; with_columns works on a "
                      "hamilton::DataFrame parameter{}",
                      target, f.name, param->type->name(),
                      on ? "" : " (the first; name another with on_input)"));
      return;
    }
    const std::string frame_node = param->node_name();  // where the frame comes from
    const TypeInfo* frame_type = param->any ? nullptr : &TypeInfo::of<DataFrame>();
    const std::string ns = options_.name_space.empty() ? f.name : options_.name_space;

    // the operations, then the passed columns ahead of them
    std::vector<NodeSpec> ops;
    if (!detail::subdag_nodes(ctx, f, name(), modules_, ctx.config(),
                              fmt::format("with_columns `{}`", ns), ops))
      return;
    order_like_hamilton(ops);
    std::map<std::string, const NodeSpec*> op_named;
    for (const auto& n : ops) op_named.emplace(n.name, &n);
    std::vector<NodeSpec> generated;
    std::set<std::string> passed;
    for (const auto& column : options_.columns_to_pass) {
      if (column.empty() || !passed.insert(column).second) {
        fail(column.empty() ? std::string("columns_to_pass has an empty name")
                            : fmt::format("columns_to_pass lists `{}` twice", column));
        return;
      }
      if (auto op = op_named.find(column); op != op_named.end()) {
        fail(fmt::format(
            "column `{}` of columns_to_pass is also a node of the operations (module {}, "
            "{}:{}): a passed column is only read; to replace a column, use on_input and take "
            "the columns out of the frame in the operations",
            column, op->second->module, op->second->location.file, op->second->location.line));
        return;
      }
      generated.push_back(column_node(f, target, frame_node, frame_type, column));
    }
    for (auto& n : ops) generated.push_back(std::move(n));
    if (generated.empty()) {
      fail("its modules make no nodes; give modules of column operations");
      return;
    }

    // what is selected, and only what it needs
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < generated.size(); ++i) index.emplace(generated[i].name, i);
    std::vector<std::string> select = options_.select;
    std::vector<bool> keep(generated.size(), select.empty());
    if (select.empty()) {
      for (const auto& n : generated)
        if (is_series(n)) select.push_back(n.name);
    } else {
      std::set<std::string> seen;
      std::vector<std::size_t> stack;
      for (const auto& s : select) {
        auto it = index.find(s);
        if (it == index.end()) {
          std::vector<std::string> names;
          for (const auto& n : generated) names.push_back(n.name);
          fail(
              fmt::format("select names `{}`, which is not a node of the operations (their "
                          "nodes: {})",
                          s, detail::quoted_list(names)));
          return;
        }
        if (!seen.insert(s).second) {
          fail(fmt::format("select names `{}` twice", s));
          return;
        }
        if (!keep[it->second]) stack.push_back(it->second);
        keep[it->second] = true;
      }
      while (!stack.empty()) {
        const NodeSpec& n = generated[stack.back()];
        stack.pop_back();
        for (const auto& p : n.parameters) {
          if (p.is_bound()) continue;
          auto dep = index.find(p.node_name());
          if (dep == index.end() || keep[dep->second]) continue;
          keep[dep->second] = true;
          stack.push_back(dep->second);
        }
      }
    }
    for (const auto& s : select) {
      if (s == target) {
        fail(
            fmt::format("select names `{}`, the DataFrame parameter itself; select the "
                        "operations' columns",
                        s));
        return;
      }
      const NodeSpec& n = generated[index.at(s)];
      if (!n.returns_any && !is_series(n)) {
        fail(fmt::format("select names `{}`, which returns a {}; with_columns appends columns, "
                         "so a selected node returns a hamilton::Series",
                         s, n.type->name()),
             ErrorCode::bad_return_type);
        return;
      }
    }

    // namespaced, wired to each other
    std::map<std::string, std::string> renamed;
    for (std::size_t i = 0; i < generated.size(); ++i)
      if (keep[i]) renamed[generated[i].name] = ns + "." + generated[i].name;
    std::vector<NodeSpec> out;
    for (std::size_t i = 0; i < generated.size(); ++i) {
      if (!keep[i]) continue;
      NodeSpec n = std::move(generated[i]);
      n.name = renamed.at(n.name);
      for (auto& p : n.parameters) {
        if (p.is_bound()) continue;
        if (auto it = renamed.find(p.node_name()); it != renamed.end()) p.source = it->second;
      }
      out.push_back(std::move(n));
    }
    const std::string append = ns + "._append";
    out.push_back(append_node(f, append, target, frame_node, frame_type, select, renamed, out));
    param->source = append;  // the function gets the frame with the columns
    out.push_back(std::move(f));
    nodes = std::move(out);
  }

 private:
  // A node `name` of `type` made for the decorated function `f` (its function, module and
  // location, no doc or tags, as Hamilton's), whose first parameter reads the frame.
  static NodeSpec frame_reader(const NodeSpec& f, const std::string& name, const TypeInfo* type,
                               const std::string& target, const std::string& frame_node,
                               const TypeInfo* frame_type) {
    NodeSpec n;
    n.name = name;
    n.function_name = f.function_name;
    n.module = f.module;
    n.location = f.location;
    n.type = type;
    n.parameters.push_back(reading(target, frame_node, frame_type));
    return n;
  }

  // The Series node `column` of the frame `target` (read from node `frame_node`).
  static NodeSpec column_node(const NodeSpec& f, const std::string& target,
                              const std::string& frame_node, const TypeInfo* frame_type,
                              const std::string& column) {
    NodeSpec n = frame_reader(f, column, &TypeInfo::of<Series>(), target, frame_node, frame_type);
    const std::string owner = f.name;
    n.callable =
        detail::make_callable(1, [column, owner, frame_node](std::span<const Value> a) -> Value {
          const DataFrame& df = frame_argument(a[0], column, frame_node);
          if (df.contains(column)) return Value(df[column]);
          throw Error(fmt::format(
              "with_columns of `{}`: column `{}` (columns_to_pass) is missing from the "
              "DataFrame `{}` (its columns: {}); add it to the frame, or take it out of "
              "columns_to_pass",
              owner, column, frame_node, detail::quoted_list(df.column_names())));
        });
    return n;
  }

  // `<ns>._append`: the frame with the selected columns appended (pandas' DataFrame.assign).
  static NodeSpec append_node(const NodeSpec& f, const std::string& name, const std::string& target,
                              const std::string& frame_node, const TypeInfo* frame_type,
                              const std::vector<std::string>& select,
                              const std::map<std::string, std::string>& renamed,
                              const std::vector<NodeSpec>& built) {
    NodeSpec n = frame_reader(f, name, &TypeInfo::of<DataFrame>(), target, frame_node, frame_type);
    std::vector<std::string> sources;
    for (const auto& s : select) {
      const std::string& node = renamed.at(s);
      const auto it = std::find_if(built.begin(), built.end(),
                                   [&](const NodeSpec& b) { return b.name == node; });
      Parameter p = reading(s, node, it->returns_any ? nullptr : &TypeInfo::of<Series>());
      n.parameters.push_back(std::move(p));
      sources.push_back(node);
    }
    n.callable = detail::make_callable(
        1 + select.size(), [name, frame_node, select, sources](std::span<const Value> a) -> Value {
          DataFrame df = frame_argument(a[0], name, frame_node);
          for (std::size_t i = 0; i < select.size(); ++i) {
            const Value& v = a[i + 1];
            const Series* s = v.get_if<Series>();
            if (!s) {
              const std::string got = v.has_value() ? v.type().name() : std::string("empty value");
              throw ValueTypeError(TypeInfo::of<Series>().name(), got,
                                   fmt::format("with_columns: `{}` returned a {}, not a "
                                               "hamilton::Series, so it cannot be appended",
                                               sources[i], got));
            }
            df = df.with_column(select[i], *s);
          }
          return Value(std::move(df));
        });
    return n;
  }

  std::vector<ModuleRef> modules_;
  WithColumnsOptions options_;
};

}  // namespace

Modifier with_columns(const std::vector<std::string>& modules, WithColumnsOptions options) {
  std::vector<ModuleRef> refs(modules.begin(), modules.end());
  return detail::make<WithColumnsModifier>(std::move(refs), std::move(options));
}
Modifier with_columns(std::initializer_list<std::string> modules, WithColumnsOptions options) {
  return with_columns(std::vector<std::string>(modules), std::move(options));
}
Modifier with_columns(std::vector<Module> modules, WithColumnsOptions options) {
  std::vector<ModuleRef> refs(modules.begin(), modules.end());
  return detail::make<WithColumnsModifier>(std::move(refs), std::move(options));
}

}  // namespace hamilton::modifiers
