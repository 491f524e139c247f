// extract_columns: needs hamilton::DataFrame (the frame layer).
#include <fmt/format.h>

#include <set>

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
        NodeSpec n = detail::derived_node(
            f, c.name, c.doc.empty() ? fmt::format("Column `{}` of `{}`.", c.name, f.name) : c.doc,
            &TypeInfo::of<DataFrame>());
        n.type = &TypeInfo::of<Series>();
        std::string column = c.name, owner = f.name;
        std::optional<Value> fill = args_.fill;
        n.callable = detail::make_callable(1, [column, owner, fill](std::span<const Value> a) -> Value {
          const DataFrame* df = a[0].get_if<DataFrame>();
          if (!df)
            throw ValueTypeError(TypeInfo::of<DataFrame>().name(), a[0].type().name(),
                                 fmt::format("extract_columns: `{}` returned a {}, not a "
                                             "hamilton::DataFrame",
                                             owner, a[0].has_value() ? a[0].type().name()
                                                                     : std::string("empty value")));
          if (df->contains(column)) return Value((*df)[column]);
          if (fill) return Value(filled_column(*df, column, *fill));
          throw Error(fmt::format("extract_columns: column `{}` is missing from the DataFrame "
                                  "returned by `{}` (its columns: {}); add it, or give fill_with",
                                  column, owner, detail::quoted_list(df->column_names())));
        });
        added.push_back(std::move(n));
      }
    }
    for (auto& n : added) nodes.push_back(std::move(n));
  }

 private:
  detail::ExtractColumnsArgs args_;
};

}  // namespace

namespace detail {
Modifier extract_columns_impl(ExtractColumnsArgs args) {
  return make<ExtractColumnsModifier>(std::move(args));
}
}  // namespace detail

}  // namespace hamilton::modifiers
