// extract_columns: needs hamilton::DataFrame (the frame layer).
#include <fmt/format.h>

#include <set>

#include "function_modifiers/binding.hpp"
#include "function_modifiers/common.hpp"
#include "hamilton/frame/dataframe.hpp"
#include "hamilton/function_modifiers/expanders.hpp"

namespace hamilton::modifiers {
namespace {

Series filled_column(const DataFrame& df, const std::string& name, const Value& fill) {
  const std::size_t n = df.num_rows();
  if (const auto* d = fill.get_if<double>()) return Series::full(n, *d, name, df.index());
  if (const auto* b = fill.get_if<bool>()) return Series::full(n, *b, name, df.index());
  if (const auto* s = fill.get_if<std::string>()) return Series::full(n, *s, name, df.index());
  if (fill.type().is_arithmetic())
    return Series::full(n, static_cast<std::int64_t>(fill.type().to_double(fill.data())), name,
                        df.index());
  throw Error(fmt::format("extract_columns: fill_with is a {}; use a number, bool or string",
                          fill.type().name()));
}

// The Series node of column `column` of the DataFrame `f` returns (extract_columns).
NodeSpec column_node(const NodeSpec& f, const std::string& column, const std::string& doc,
                     const std::optional<Value>& fill) {
  NodeSpec n = detail::derived_node(
      f, column, doc.empty() ? fmt::format("Column `{}` of `{}`.", column, f.name) : doc,
      &TypeInfo::of<DataFrame>());
  n.type = &TypeInfo::of<Series>();
  std::string owner = f.name;
  n.callable = detail::make_callable(1, [column, owner, fill](std::span<const Value> a) -> Value {
    const DataFrame* df = a[0].get_if<DataFrame>();
    if (!df)
      throw ValueTypeError(
          TypeInfo::of<DataFrame>().name(), a[0].type().name(),
          fmt::format("extract_columns: `{}` returned a {}, not a "
                      "hamilton::DataFrame",
                      owner, a[0].has_value() ? a[0].type().name() : std::string("empty value")));
    if (df->contains(column)) return Value((*df)[column]);
    if (fill) return Value(filled_column(*df, column, *fill));
    throw Error(
        fmt::format("extract_columns: column `{}` is missing from the DataFrame "
                    "returned by `{}` (its columns: {}); add it, or give fill_with",
                    column, owner, detail::quoted_list(df->column_names())));
  });
  return n;
}

// A function's DataFrame with its columns renamed, by position, to `names`
// (parameterize_extract_columns' reassign_columns).
Callable renaming_columns(const NodeSpec& f, std::string node, std::vector<std::string> names) {
  Callable inner = f.callable;
  return detail::make_callable(
      f.parameters.size(), [inner, node, names](std::span<const Value> args) -> Value {
        Value v = inner.call(args);
        const DataFrame* df = v.get_if<DataFrame>();
        if (!df) {
          const std::string got = v.has_value() ? v.type().name() : std::string("empty value");
          throw ValueTypeError(TypeInfo::of<DataFrame>().name(), got,
                               fmt::format("parameterize_extract_columns: `{}` returned a {}, not "
                                           "a hamilton::DataFrame",
                                           node, got));
        }
        if (df->num_columns() != names.size())
          throw Error(fmt::format(
              "parameterize_extract_columns: `{}` returned a DataFrame of {} column{} ({}) but "
              "its parameterization names {} output{} ({}), which replace the columns by "
              "position; return {} column{}, or pass reassign_columns = false to extract the "
              "columns by name",
              node, df->num_columns(), df->num_columns() == 1 ? "" : "s",
              detail::quoted_list(df->column_names()), names.size(), names.size() == 1 ? "" : "s",
              detail::quoted_list(names), names.size(), names.size() == 1 ? "" : "s"));
        std::vector<std::pair<std::string, Series>> columns;
        columns.reserve(names.size());
        for (std::size_t i = 0; i < names.size(); ++i)
          columns.emplace_back(names[i], df->columns()[i]);
        return Value(DataFrame(std::move(columns)));
      });
}

class ExtractColumnsModifier final : public ModifierImpl {
 public:
  explicit ExtractColumnsModifier(detail::ExtractColumnsArgs args) : args_(std::move(args)) {}
  std::string name() const override { return "extract_columns"; }
  ModifierStage stage() const override { return ModifierStage::transform; }
  void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const override {
    if (nodes.empty()) return;
    std::vector<NodeSpec> added;
    for (auto t : detail::sinks(nodes)) {
      const NodeSpec& f = nodes[t];
      if (!f.returns_any && !(*f.type == TypeInfo::of<DataFrame>())) {
        ctx.error(f, "extract_columns",
                  fmt::format("`{}` returns a {}; extract_columns needs a function returning a "
                              "hamilton::DataFrame (or a hamilton::Value holding one)",
                              f.name, f.type->name()),
                  ErrorCode::bad_return_type);
        continue;
      }
      if (args_.columns.empty()) {
        ctx.error(f, "extract_columns", "lists no columns; give at least one",
                  ErrorCode::bad_modifier);
        continue;
      }
      if (args_.fill && !(args_.fill->type().is_arithmetic() || args_.fill->is<std::string>())) {
        ctx.error(f, "extract_columns",
                  fmt::format("fill_with is a {}; use a number, bool or string",
                              args_.fill->type().name()),
                  ErrorCode::bad_fill);
        continue;
      }
      std::set<std::string> seen;
      for (const auto& c : args_.columns) {
        if (c.name.empty() || !seen.insert(c.name).second || c.name == f.name) {
          ctx.error(f, "extract_columns",
                    c.name.empty()       ? std::string("has a column with an empty name")
                    : c.name == f.name   ? fmt::format("column `{}` has the name of the function's own "
                                                       "node; rename the function",
                                                       c.name)
                                         : fmt::format("lists column `{}` twice", c.name),
                    ErrorCode::bad_modifier);
          continue;
        }
        added.push_back(column_node(f, c.name, c.doc, args_.fill));
      }
    }
    for (auto& n : added) nodes.push_back(std::move(n));
  }

 private:
  detail::ExtractColumnsArgs args_;
};

// Hamilton's parameterize_extract_columns: per parameterization, the function bound as
// `<name>__<i>` (its columns renamed to the outputs), then one Series node per output.
class ParameterizeExtractColumnsModifier final : public ModifierImpl {
 public:
  ParameterizeExtractColumnsModifier(std::vector<ParameterizedExtract> extracts, bool reassign)
      : extracts_(std::move(extracts)), reassign_(reassign) {}
  std::string name() const override { return "parameterize_extract_columns"; }
  ModifierStage stage() const override { return ModifierStage::expand; }
  void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const override {
    if (nodes.empty()) return;
    if (detail::another_expander_first(ctx, nodes.front(), this)) return;
    const NodeSpec f = nodes.front();
    if (nodes.size() != 1) {
      ctx.error(f, name(), "applies to a function that makes one node", ErrorCode::bad_modifier);
      return;
    }
    if (!f.returns_any && !(*f.type == TypeInfo::of<DataFrame>())) {
      ctx.error(f, name(),
                fmt::format("`{}` returns a {}; parameterize_extract_columns needs a function "
                            "returning a hamilton::DataFrame",
                            f.name, f.type->name()),
                ErrorCode::bad_return_type);
      return;
    }
    if (extracts_.empty()) {
      ctx.error(f, name(), "has no parameterizations; give at least one", ErrorCode::bad_modifier);
      return;
    }
    std::vector<NodeSpec> out;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < extracts_.size(); ++i) {
      const ParameterizedExtract& e = extracts_[i];
      const std::string frame = fmt::format("{}__{}", f.name, i);
      if (e.outputs.empty()) {
        ctx.error(f, name(), fmt::format("parameterization {} names no outputs", i),
                  ErrorCode::bad_modifier);
        continue;
      }
      NodeSpec n = f;
      n.name = frame;
      n.doc = detail::format_doc(f.doc, frame, e.bindings);
      if (reassign_) n.callable = renaming_columns(f, frame, e.outputs);
      if (!detail::bind_parameters(ctx, name(), fmt::format("parameterization {}", i), n,
                                   e.bindings))
        continue;
      std::vector<NodeSpec> columns;
      bool ok = true;
      for (const auto& column : e.outputs) {
        if (column.empty() || !seen.insert(column).second) {
          ctx.error(f, name(),
                    column.empty() ? fmt::format("parameterization {} has an output with an empty "
                                                 "name",
                                                 i)
                                   : fmt::format("names output `{}` twice", column),
                    ErrorCode::bad_modifier);
          ok = false;
          continue;
        }
        columns.push_back(column_node(n, column, n.doc, std::nullopt));
      }
      if (!ok) continue;
      out.push_back(std::move(n));
      for (auto& c : columns) out.push_back(std::move(c));
    }
    nodes = std::move(out);
  }

 private:
  std::vector<ParameterizedExtract> extracts_;
  bool reassign_;
};

}  // namespace

Modifier parameterize_extract_columns(std::vector<ParameterizedExtract> extracts,
                                      bool reassign_columns) {
  return detail::make<ParameterizeExtractColumnsModifier>(std::move(extracts), reassign_columns);
}

namespace detail {
Modifier extract_columns_impl(ExtractColumnsArgs args) {
  return make<ExtractColumnsModifier>(std::move(args));
}
}  // namespace detail

}  // namespace hamilton::modifiers
