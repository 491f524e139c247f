#include "hamilton/function_modifiers/expanders.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "function_modifiers/binding.hpp"
#include "function_modifiers/common.hpp"

namespace hamilton::modifiers {
namespace detail {

bool bind_parameters(BuildContext& ctx, const std::string& modifier, const std::string& what,
                     NodeSpec& node, const std::vector<ParamBinding>& bindings) {
  const std::string prefix = what.empty() ? std::string() : what + " ";
  bool ok = true;
  std::set<std::string> seen;
  struct GroupSlot {
    std::size_t original;
    const ParamSpec* spec;
  };
  std::vector<GroupSlot> groups;
  for (const auto& b : bindings) {
    if (!seen.insert(b.parameter).second) {
      ctx.error(node, modifier, fmt::format("{}binds parameter `{}` twice", prefix, b.parameter),
                ErrorCode::duplicate_binding);
      ok = false;
      continue;
    }
    auto it = std::find_if(node.parameters.begin(), node.parameters.end(),
                           [&](const Parameter& p) { return p.name == b.parameter; });
    if (it == node.parameters.end()) {
      ctx.error(node, modifier,
                fmt::format("{}binds parameter `{}`, which function `{}` does not take (its "
                            "parameters: {})",
                            prefix, b.parameter, node.function_name, parameter_list(node)),
                ErrorCode::unknown_parameter);
      ok = false;
      continue;
    }
    Parameter& p = *it;
    const ParamSpec& s = b.spec;
    switch (s.kind()) {
      case ParamSpec::Kind::source:
        if (s.name().empty()) {
          ctx.error(
              node, modifier,
              fmt::format("{}binds parameter `{}` to source(\"\"): name a node", prefix, p.name),
              ErrorCode::bad_binding);
          ok = false;
          break;
        }
        p.source = s.name();
        p.value = Value();
        break;
      case ParamSpec::Kind::value:
        if (!s.literal().has_value()) {
          ctx.error(node, modifier,
                    fmt::format("{}binds parameter `{}` to an empty value", prefix, p.name),
                    ErrorCode::bad_binding);
          ok = false;
          break;
        }
        p.value = s.literal();
        p.source.clear();
        break;
      case ParamSpec::Kind::configuration: {
        auto c = ctx.config().find(s.name());
        if (c == ctx.config().end()) {
          ctx.error(node, modifier,
                    fmt::format("{}binds parameter `{}` to configuration(\"{}\"), but the config "
                                "has no key `{}`; add it with Builder::with_config",
                                prefix, p.name, s.name(), s.name()),
                    ErrorCode::missing_config);
          ok = false;
          break;
        }
        p.value = c->second;
        p.source.clear();
        break;
      }
      case ParamSpec::Kind::group: {
        if (!p.any && !(*p.type == s.group_type())) {
          std::string want = s.element_type() == TypeInfo::of<void>()
                                 ? std::string("hamilton::Value")
                                 : s.element_type().name();
          ctx.error(node, modifier,
                    fmt::format("{}binds parameter `{}` (a {}) to a group, which makes a {}; "
                                "declare the parameter as {} or write group<T>({}) with the "
                                "parameter's element type",
                                prefix, p.name, p.type->name(), s.group_type().name(),
                                s.group_type().name(), s.keys().empty() ? "..." : "{...}"),
                    ErrorCode::group_type);
          ok = false;
          break;
        }
        bool items_ok = true;
        for (std::size_t k = 0; k < s.keys().size(); ++k)
          if (std::find(s.keys().begin(), s.keys().begin() + static_cast<std::ptrdiff_t>(k),
                        s.keys()[k]) != s.keys().begin() + static_cast<std::ptrdiff_t>(k)) {
            ctx.error(node, modifier,
                      fmt::format("{}binds parameter `{}` to a group naming `{}` twice; each name "
                                  "of a group is one key of the map",
                                  prefix, p.name, s.keys()[k]),
                      ErrorCode::bad_binding);
            items_ok = false;
            ok = false;
          }
        for (const auto& item : s.items())
          if (item.is_group()) {
            ctx.error(node, modifier,
                      fmt::format("{}binds parameter `{}` to a group containing a group; groups "
                                  "cannot be nested",
                                  prefix, p.name),
                      ErrorCode::bad_binding);
            items_ok = false;
            ok = false;
          } else if (item.is_configuration() &&
                     ctx.config().find(item.name()) == ctx.config().end()) {
            ctx.error(node, modifier,
                      fmt::format("{}binds an item of group `{}` to configuration(\"{}\"), but "
                                  "the config has no key `{}`",
                                  prefix, p.name, item.name(), item.name()),
                      ErrorCode::missing_config);
            items_ok = false;
            ok = false;
          }
        if (items_ok)
          groups.push_back(GroupSlot{static_cast<std::size_t>(it - node.parameters.begin()), &s});
        break;
      }
    }
  }
  if (!ok || groups.empty()) return ok;

  // Replace each group parameter by one parameter per item; a wrapper collects them back.
  struct Piece {
    std::size_t start;
    std::size_t count;
    const ParamSpec* group;  // null: a plain parameter
  };
  std::vector<Parameter> params;
  std::vector<Piece> pieces;
  for (std::size_t j = 0; j < node.parameters.size(); ++j) {
    auto g = std::find_if(groups.begin(), groups.end(),
                          [&](const GroupSlot& s) { return s.original == j; });
    if (g == groups.end()) {
      pieces.push_back(Piece{params.size(), 1, nullptr});
      params.push_back(node.parameters[j]);
      continue;
    }
    const ParamSpec& spec = *g->spec;
    pieces.push_back(Piece{params.size(), spec.items().size(), &spec});
    for (std::size_t i = 0; i < spec.items().size(); ++i) {
      const ParamSpec& item = spec.items()[i];
      Parameter p;
      p.name = spec.keys().empty() ? fmt::format("{}[{}]", node.parameters[j].name, i)
                                   : fmt::format("{}[{}]", node.parameters[j].name, spec.keys()[i]);
      if (spec.element_type() == TypeInfo::of<void>())
        p.any = true;
      else
        p.type = &spec.element_type();
      if (item.is_source())
        p.source = item.name();
      else if (item.is_value())
        p.value = item.literal();
      else
        p.value = ctx.config().find(item.name())->second;
      params.push_back(std::move(p));
    }
  }
  // the ParamSpecs live in the modifier, which outlives the graph build only: copy them
  std::vector<std::pair<Piece, std::shared_ptr<const ParamSpec>>> plan;
  for (const auto& piece : pieces)
    plan.emplace_back(piece,
                      piece.group ? std::make_shared<const ParamSpec>(*piece.group) : nullptr);
  Callable inner = node.callable;
  const std::size_t arity = node.parameters.size();
  node.callable = make_callable(params.size(), [inner, plan, arity](std::span<const Value> args) {
    std::vector<Value> local;
    local.reserve(arity);
    for (const auto& [piece, group] : plan) {
      if (!group)
        local.push_back(args[piece.start]);
      else
        local.push_back(group->collect(args.subspan(piece.start, piece.count)));
    }
    return inner.call(local);
  });
  node.parameters = std::move(params);
  return true;
}

// Hamilton's format_doc_string: `doc.format_map(...)` with `{output_name}`, `{p}` = the source
// name or Python's str() of the value for parameters bound by source/value, and any other
// `{name}` replaced by `name` itself; `{{` and `}}` are braces. A field with a conversion or a
// format spec (`{x:.2f}`) is left as written.
std::string format_doc(const std::string& doc, const std::string& output,
                       const std::vector<ParamBinding>& bindings) {
  auto lookup = [&](std::string_view key) -> std::string {
    for (const auto& b : bindings) {
      if (b.parameter != key) continue;
      if (b.spec.kind() == ParamSpec::Kind::source) return b.spec.name();
      if (b.spec.kind() == ParamSpec::Kind::value) return python_str(b.spec.literal());
    }
    if (key == "output_name") return output;
    return std::string(key);
  };
  std::string out;
  out.reserve(doc.size());
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const char c = doc[i];
    if ((c == '{' || c == '}') && i + 1 < doc.size() && doc[i + 1] == c) {
      out += c;
      ++i;
      continue;
    }
    if (c != '{') {
      out += c;
      continue;
    }
    const std::size_t close = doc.find('}', i + 1);
    if (close == std::string::npos) {
      out.append(doc, i, std::string::npos);
      break;
    }
    std::string_view field(doc.data() + i + 1, close - i - 1);
    if (field.find_first_of(":!{") != std::string_view::npos)
      out.append(doc, i, close - i + 1);
    else
      out += lookup(field);
    i = close;
  }
  return out;
}

bool another_expander_first(BuildContext& ctx, const NodeSpec& node, const ModifierImpl* self) {
  for (const auto& m : node.modifiers) {
    if (!m || m->stage() != ModifierStage::expand) continue;
    if (m.get() == self) return false;
    ctx.error(node, self->name(),
              fmt::format("function `{}` already has the expander `{}`; a function takes at most "
                          "one of parameterize, parameterize_values, parameterize_sources, "
                          "parameterize_extract_columns",
                          node.function_name, m->name()),
              ErrorCode::multiple_expanders);
    return true;
  }
  return false;
}

}  // namespace detail

namespace {

class ParameterizeModifier final : public ModifierImpl {
 public:
  ParameterizeModifier(std::string name, std::vector<Parameterization> outputs)
      : name_(std::move(name)), outputs_(std::move(outputs)) {}
  std::string name() const override { return name_; }
  ModifierStage stage() const override { return ModifierStage::expand; }
  void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const override {
    if (nodes.empty()) return;
    if (detail::another_expander_first(ctx, nodes.front(), this)) return;
    auto targets = detail::sinks(nodes);
    if (outputs_.empty()) {
      ctx.error(nodes.front(), name_, "has no outputs; give at least one", ErrorCode::bad_modifier);
      return;
    }
    std::set<std::string> names;
    for (const auto& o : outputs_) {
      if (o.output.empty()) {
        ctx.error(nodes.front(), name_, "has an output with an empty name",
                  ErrorCode::bad_modifier);
        return;
      }
      if (!names.insert(o.output).second) {
        ctx.error(nodes.front(), name_, fmt::format("names output `{}` twice", o.output),
                  ErrorCode::bad_modifier);
        return;
      }
    }
    std::vector<NodeSpec> out;
    std::vector<bool> is_target(nodes.size(), false);
    for (auto t : targets) is_target[t] = true;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (!is_target[i]) {
        out.push_back(std::move(nodes[i]));
        continue;
      }
      for (const auto& o : outputs_) {
        NodeSpec n = nodes[i];
        n.name = targets.size() == 1 ? o.output : fmt::format("{}.{}", nodes[i].name, o.output);
        // as Hamilton: an output's own doc is used as written, the function's is a template
        n.doc = o.doc.empty() ? detail::format_doc(nodes[i].doc, o.output, o.bindings) : o.doc;
        detail::bind_parameters(ctx, name_, fmt::format("output `{}`", o.output), n, o.bindings);
        out.push_back(std::move(n));
      }
    }
    nodes = std::move(out);
  }

 private:
  std::string name_;
  std::vector<Parameterization> outputs_;
};

class InjectModifier final : public ModifierImpl {
 public:
  explicit InjectModifier(std::vector<ParamBinding> bindings) : bindings_(std::move(bindings)) {}
  std::string name() const override { return "inject"; }
  ModifierStage stage() const override { return ModifierStage::inject; }
  void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const override {
    if (nodes.empty()) return;
    if (bindings_.empty()) {
      ctx.error(nodes.front(), "inject", "binds no parameter; give at least one",
                ErrorCode::bad_modifier);
      return;
    }
    for (auto t : detail::sinks(nodes))
      detail::bind_parameters(ctx, "inject", {}, nodes[t], bindings_);
  }

 private:
  std::vector<ParamBinding> bindings_;
};

// ---------------------------------------------------------------- extract_fields

class ExtractFieldsModifier final : public ModifierImpl {
 public:
  ExtractFieldsModifier(std::vector<FieldSpec> fields, std::optional<Value> fill)
      : fields_(std::move(fields)), fill_(std::move(fill)) {}
  std::string name() const override { return "extract_fields"; }
  ModifierStage stage() const override { return ModifierStage::transform; }
  void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const override {
    if (nodes.empty()) return;
    auto targets = detail::sinks(nodes);
    std::vector<NodeSpec> added;
    for (auto t : targets) {
      const NodeSpec& f = nodes[t];
      if (!f.returns_any && !(*f.type == TypeInfo::of<Record>())) {
        ctx.error(f, "extract_fields",
                  fmt::format("`{}` returns a {}; extract_fields needs a function returning "
                              "hamilton::Record (std::map<std::string, hamilton::Value>) or "
                              "hamilton::Value; for a std::tuple use unpack_fields",
                              f.name, f.type->name()),
                  ErrorCode::bad_return_type);
        continue;
      }
      if (fields_.empty()) {
        ctx.error(f, "extract_fields", "lists no fields; give at least one",
                  ErrorCode::bad_modifier);
        continue;
      }
      std::set<std::string> seen;
      std::vector<std::string> all_fields;
      for (const auto& fs : fields_) all_fields.push_back(fs.name);
      for (const auto& fs : fields_) {
        if (fs.name.empty() || !seen.insert(fs.name).second || fs.name == f.name) {
          ctx.error(f, "extract_fields",
                    fs.name.empty() ? std::string("has a field with an empty name")
                    : fs.name == f.name
                        ? fmt::format("field `{}` has the name of the function's own node", fs.name)
                        : fmt::format("lists field `{}` twice", fs.name),
                    ErrorCode::bad_modifier);
          continue;
        }
        Value fill;
        if (fill_) {
          if (fs.type.any || fill_->type() == *fs.type.info) {
            fill = *fill_;
          } else if (fill_->type().is_arithmetic() && fs.type.info->is_arithmetic()) {
            fill = fs.type.info->from_double(fill_->type().to_double(fill_->data()));
            if (!fill) {
              ctx.error(f, "extract_fields",
                        fmt::format("fill_with {} is out of the range of field `{}`, a {}",
                                    fill_->type().to_double(fill_->data()), fs.name,
                                    fs.type.info->name()),
                        ErrorCode::bad_fill);
              continue;
            }
          } else {
            ctx.error(f, "extract_fields",
                      fmt::format("fill_with is a {} but field `{}` is declared as {}",
                                  fill_->type().name(), fs.name, fs.type.info->name()),
                      ErrorCode::bad_fill);
            continue;
          }
        }
        NodeSpec n = detail::derived_node(
            f, fs.name,
            fs.doc.empty() ? fmt::format("Field `{}` of `{}`.", fs.name, f.name) : fs.doc,
            &TypeInfo::of<Record>());
        if (fs.type.any)
          n.returns_any = true;
        else
          n.type = fs.type.info;
        const TypeInfo* want = fs.type.any ? nullptr : fs.type.info;
        std::string field = fs.name, owner = f.name;
        n.callable = detail::make_callable(
            1, [want, field, owner, fill, all_fields](std::span<const Value> a) -> Value {
              const Record* record = a[0].get_if<Record>();
              if (!record)
                throw ValueTypeError(
                    TypeInfo::of<Record>().name(), a[0].type().name(),
                    fmt::format("extract_fields: `{}` returned a {}, not a "
                                "hamilton::Record",
                                owner, a[0].has_value() ? a[0].type().name() : "empty value"));
              auto it = record->find(field);
              if (it == record->end()) {
                if (fill.has_value()) return fill;
                std::vector<std::string> have;
                for (const auto& [k, v] : *record) have.push_back(k);
                throw Error(
                    fmt::format("extract_fields: field `{}` is missing from the record `{}` "
                                "returned (it has {}); return it, or give fill_with",
                                field, owner, detail::quoted_list(have)));
              }
              if (want && !(it->second.type() == *want))
                throw ValueTypeError(
                    want->name(), it->second.type().name(),
                    fmt::format("extract_fields: field `{}` of `{}` is a {} but is "
                                "declared as {}",
                                field, owner,
                                it->second.has_value() ? it->second.type().name()
                                                       : std::string("empty value"),
                                want->name()));
              return it->second;
            });
        added.push_back(std::move(n));
      }
    }
    for (auto& n : added) nodes.push_back(std::move(n));
  }

 private:
  std::vector<FieldSpec> fields_;
  std::optional<Value> fill_;
};

class UnpackFieldsModifier final : public ModifierImpl {
 public:
  UnpackFieldsModifier(const TypeInfo& tuple, std::vector<detail::UnpackField> fields)
      : tuple_(&tuple), fields_(std::move(fields)) {}
  std::string name() const override { return "unpack_fields"; }
  ModifierStage stage() const override { return ModifierStage::transform; }
  void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const override {
    if (nodes.empty()) return;
    std::vector<NodeSpec> added;
    for (auto t : detail::sinks(nodes)) {
      const NodeSpec& f = nodes[t];
      if (f.returns_any || !(*f.type == *tuple_)) {
        ctx.error(f, "unpack_fields",
                  fmt::format("`{}` returns a {} but unpack_fields was given the element types "
                              "of a {}; the types must match the function's return type",
                              f.name, detail::node_type_name(f), tuple_->name()),
                  ErrorCode::bad_return_type);
        continue;
      }
      std::set<std::string> seen;
      for (std::size_t i = 0; i < fields_.size(); ++i) {
        const auto& fs = fields_[i];
        if (fs.name.empty() || !seen.insert(fs.name).second || fs.name == f.name) {
          ctx.error(
              f, "unpack_fields",
              fmt::format("element {} has an empty, repeated or clashing name `{}`", i, fs.name),
              ErrorCode::bad_modifier);
          continue;
        }
        NodeSpec n =
            detail::derived_node(f, fs.name, fmt::format("Element {} of `{}`.", i, f.name), tuple_);
        n.parameters[0].any = false;  // the tuple type was checked above
        n.parameters[0].type = tuple_;
        n.type = fs.type;
        auto get = fs.get;
        n.callable =
            detail::make_callable(1, [get](std::span<const Value> a) { return get(a[0]); });
        added.push_back(std::move(n));
      }
    }
    for (auto& n : added) nodes.push_back(std::move(n));
  }

 private:
  const TypeInfo* tuple_;
  std::vector<detail::UnpackField> fields_;
};

}  // namespace

Modifier parameterize(std::initializer_list<Parameterization> outputs) {
  return parameterize(std::vector<Parameterization>(outputs));
}
Modifier parameterize(std::vector<Parameterization> outputs) {
  return detail::make<ParameterizeModifier>("parameterize", std::move(outputs));
}

Modifier parameterize_values(std::string parameter, std::initializer_list<ValueOutput> outputs) {
  std::vector<Parameterization> out;
  for (const auto& o : outputs)
    out.push_back(Parameterization{o.output, {ParamBinding{parameter, ParamSpec(o.value)}}, o.doc});
  return detail::make<ParameterizeModifier>("parameterize_values", std::move(out));
}

Modifier parameterize_sources(std::initializer_list<SourceOutput> outputs) {
  std::vector<Parameterization> out;
  for (const auto& o : outputs) {
    Parameterization p{o.output, {}, o.doc};
    for (const auto& b : o.bindings)
      p.bindings.push_back(ParamBinding{b.parameter, source(b.node)});
    out.push_back(std::move(p));
  }
  return detail::make<ParameterizeModifier>("parameterize_sources", std::move(out));
}

Modifier inject(std::initializer_list<ParamBinding> bindings) {
  return detail::make<InjectModifier>(std::vector<ParamBinding>(bindings));
}

Modifier extract_fields(std::initializer_list<FieldSpec> fields, std::optional<Value> fill_with) {
  return detail::make<ExtractFieldsModifier>(std::vector<FieldSpec>(fields), std::move(fill_with));
}

namespace detail {
Modifier unpack_fields_impl(const TypeInfo& tuple_type, std::vector<UnpackField> fields) {
  return make<UnpackFieldsModifier>(tuple_type, std::move(fields));
}
}  // namespace detail

}  // namespace hamilton::modifiers
