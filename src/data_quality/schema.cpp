// DataFrame schemas (pandera's DataFrameSchema with lazy validation).
#include "hamilton/data_quality/schema.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <set>

#include "common/suggest.hpp"
#include "hamilton/frame/dataframe.hpp"
#include "hamilton/frame/series.hpp"

namespace hamilton::dq {
namespace {

// Validators about missing values: they see the whole column.
bool about_missing_values(const std::string& validator) {
  return validator == "max_fraction_nans_validator" || validator == "allow_nans_validator" ||
         validator == "not_null_validator";
}

std::string quoted(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i)
    out += fmt::format("{}`{}`", i ? ", " : "", names[i]);
  return out;
}

// Replaces the position `k` in "first at index k" by `original` (positions of a check that
// ran on the column without its missing values).
void remap_position(ValidationResult& r, const std::vector<std::size_t>& kept) {
  auto it = r.diagnostics.find("first_failure_index");
  if (it == r.diagnostics.end()) return;
  const auto* k = it->second.get_if<std::int64_t>();
  if (!k || *k < 0 || static_cast<std::size_t>(*k) >= kept.size()) return;
  const auto original = static_cast<std::int64_t>(kept[static_cast<std::size_t>(*k)]);
  const std::string from = fmt::format("first at index {}", *k);
  auto pos = r.message.find(from);
  if (pos != std::string::npos)
    r.message.replace(pos, from.size(), fmt::format("first at index {}", original));
  it->second = original;
}

}  // namespace

// ---- Column ----

Column::Column(std::string name) : name_(std::move(name)) {}
Column::Column(std::string name, DType dtype) : name_(std::move(name)), dtype_(dtype) {}

Column Column::nullable(bool allowed) const {
  Column c = *this;
  c.nullable_ = allowed;
  return c;
}
Column Column::required(bool is_required) const {
  Column c = *this;
  c.required_ = is_required;
  return c;
}
Column Column::check(Validator v, bool ignore_na) const {
  Column c = *this;
  if (about_missing_values(v.impl().name())) ignore_na = false;
  c.checks_.push_back(ColumnCheck{std::move(v), ignore_na});
  return c;
}
Column Column::isin(std::vector<std::string> values) const {
  return check(values_in(std::move(values)));
}
Column Column::isin(std::initializer_list<const char*> values) const {
  return check(values_in(values));
}
Column Column::isin(std::vector<double> values) const {
  return check(values_in(std::move(values)));
}

// ---- DataFrameSchema ----

DataFrameSchema::DataFrameSchema(std::vector<Column> columns) : columns_(std::move(columns)) {
  std::set<std::string> seen;
  std::vector<std::string> problems;
  for (const auto& c : columns_) {
    if (!seen.insert(c.name()).second)
      problems.push_back(fmt::format("column `{}` is listed twice", c.name()));
    std::set<std::string> checks;
    for (const auto& chk : c.checks()) {
      const auto& v = chk.validator.impl();
      if (!v.applies_to(TypeInfo::of<Series>()))
        problems.push_back(fmt::format("check `{}` ({}) of column `{}` does not apply to a Series",
                                       v.name(), v.description(), c.name()));
      if (!checks.insert(v.name()).second)
        problems.push_back(
            fmt::format("check `{}` is given twice to column `{}`", v.name(), c.name()));
    }
  }
  for (std::size_t i = 0; i < problems.size(); ++i) problem_ += (i ? "; " : "") + problems[i];
}

DataFrameSchema DataFrameSchema::strict(bool is_strict) const {
  DataFrameSchema s = *this;
  s.strict_ = is_strict;
  return s;
}

DataFrameSchema DataFrameSchema::named(std::string name) const {
  DataFrameSchema s = *this;
  s.name_ = std::move(name);
  return s;
}

Validator DataFrameSchema::with_importance(Importance i) const {
  return Validator(*this).with_importance(i);
}

std::string DataFrameSchema::description() const {
  std::vector<std::string> names;
  for (const auto& c : columns_) names.push_back(c.name());
  std::string out =
      fmt::format("DataFrame schema of {} column{}{}{}", columns_.size(),
                  columns_.size() == 1 ? "" : "s", names.empty() ? "" : " ", quoted(names));
  if (strict_) out += ", strict";
  if (!problem_.empty()) out += "; invalid schema: " + problem_;
  return out;
}

bool DataFrameSchema::applies_to(const TypeInfo& type) const {
  return problem_.empty() && type == TypeInfo::of<DataFrame>();
}

ValidationResult DataFrameSchema::validate(const Value& value) const {
  if (const auto* df = value.get_if<DataFrame>()) return validate(*df);
  ValidationResult r;
  r.passes = false;
  r.message = fmt::format("a DataFrame schema needs a hamilton::DataFrame; got {}",
                          value.has_value() ? value.type().name() : std::string("an empty value"));
  return r;
}

ValidationResult DataFrameSchema::validate(const DataFrame& frame) const {
  std::vector<std::string> failures;
  ValueMap d;
  const auto n_rows = static_cast<std::int64_t>(frame.num_rows());
  const std::vector<std::string> present = frame.column_names();

  if (!problem_.empty()) failures.push_back("invalid schema: " + problem_);

  std::vector<std::string> missing_columns;
  std::vector<std::string> listed;
  for (const auto& col : columns_) {
    listed.push_back(col.name());
    const std::string key = "column." + col.name() + ".";
    if (!frame.contains(col.name())) {
      d[key + "present"] = false;
      if (!col.is_required()) continue;
      missing_columns.push_back(col.name());
      std::string msg = fmt::format("column `{}` is missing", col.name());
      const std::string best = hamilton::detail::suggest(col.name(), present);
      if (!best.empty()) {
        msg += fmt::format(" (did you mean `{}`?)", best);
        d[key + "did_you_mean"] = best;
      }
      failures.push_back(std::move(msg));
      continue;
    }
    d[key + "present"] = true;
    const Series& s = frame[col.name()];
    d[key + "dtype"] = std::string(s.dtype_name());
    if (col.dtype()) {
      d[key + "expected_dtype"] = std::string(dtype_name(*col.dtype()));
      if (s.dtype() != *col.dtype())
        failures.push_back(fmt::format("column `{}`: dtype is {}, expected {} (no coercion)",
                                       col.name(), s.dtype_name(), dtype_name(*col.dtype())));
    }
    std::vector<std::size_t> kept;
    kept.reserve(s.size());
    std::optional<std::size_t> first_missing;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s.is_missing(i)) {
        if (!first_missing) first_missing = i;
      } else {
        kept.push_back(i);
      }
    }
    const std::size_t n_missing = s.size() - kept.size();
    d[key + "missing"] = static_cast<std::int64_t>(n_missing);
    if (first_missing) d[key + "first_missing_index"] = static_cast<std::int64_t>(*first_missing);
    if (!col.is_nullable() && n_missing > 0)
      failures.push_back(
          fmt::format("column `{}`: {} of {} values are missing but the column is not "
                      "nullable; first at index {}",
                      col.name(), n_missing, s.size(), *first_missing));
    std::optional<Series> non_missing;
    for (const auto& chk : col.checks()) {
      const auto& v = chk.validator.impl();
      const bool drop = chk.ignore_na && n_missing > 0;
      if (drop && !non_missing) non_missing = s.take(kept, s.index().take(kept));
      ValidationResult r = v.validate(Value(drop ? *non_missing : s));
      if (drop) remap_position(r, kept);
      const std::string ckey = key + v.name() + ".";
      d[ckey + "passes"] = r.passes;
      d[ckey + "message"] = r.message;
      // the check's message (Hamilton's words), and where the first failing value is
      std::string where;
      {
        auto at = r.diagnostics.find("first_failure_index");
        auto what = r.diagnostics.find("first_failure_value");
        if (at != r.diagnostics.end() && at->second.get_if<std::int64_t>())
          where = fmt::format(" (first at index {}{})", at->second.get<std::int64_t>(),
                              what != r.diagnostics.end() && what->second.get_if<std::string>()
                                  ? ": " + what->second.get<std::string>()
                                  : std::string());
      }
      for (auto& [k, val] : r.diagnostics) d[ckey + k] = std::move(val);
      if (!r.passes)
        failures.push_back(
            fmt::format("column `{}`: {}: {}{}", col.name(), v.name(), r.message, where));
    }
  }

  std::vector<std::string> unexpected;
  if (strict_) {
    std::set<std::string> known(listed.begin(), listed.end());
    for (const auto& c : present)
      if (!known.count(c)) unexpected.push_back(c);
    if (!unexpected.empty())
      failures.push_back(fmt::format("unexpected column{} {} (the schema is strict)",
                                     unexpected.size() == 1 ? "" : "s", quoted(unexpected)));
  }

  d["rows"] = n_rows;
  d["schema_columns"] = listed;
  d["columns"] = present;
  d["missing_columns"] = missing_columns;
  d["unexpected_columns"] = unexpected;
  d["strict"] = strict_;
  d["failures"] = static_cast<std::int64_t>(failures.size());
  d["failure_messages"] = failures;

  ValidationResult r;
  r.passes = failures.empty();
  if (r.passes) {
    r.message =
        fmt::format("DataFrame of {} row{} matches the schema ({} column{})", n_rows,
                    n_rows == 1 ? "" : "s", columns_.size(), columns_.size() == 1 ? "" : "s");
  } else {
    r.message =
        fmt::format("{} schema failure{}:", failures.size(), failures.size() == 1 ? "" : "s");
    for (std::size_t i = 0; i < failures.size(); ++i)
      r.message += fmt::format("{} ({}) {}", i ? ";" : "", i + 1, failures[i]);
  }
  r.diagnostics = std::move(d);
  return r;
}

}  // namespace hamilton::dq
