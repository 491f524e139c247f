// JSON reading and writing of DataFrames with nlohmann-json (pandas' read_json / to_json).
#include "hamilton/io/json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "hamilton/frame/dtype.hpp"
#include "hamilton/frame/series.hpp"
#include "hamilton/io/formats.hpp"
#include "io/columns.hpp"

namespace hamilton {
namespace {
using nlohmann::ordered_json;

constexpr std::int64_t kNsPerMs = 1'000'000;

// pandas' ISO 8601 duration of a Timedelta (to_json(date_format="iso")): "P1DT2H3M4.5S", the
// days rounded towards minus infinity ("P-1DT23H0M0S"), the fraction as pandas prints it.
std::string iso_duration(std::int64_t ns) {
  constexpr std::int64_t kDay = 86'400'000'000'000LL, kSec = 1'000'000'000;
  std::int64_t days = ns / kDay, rem = ns % kDay;
  if (rem < 0) {
    rem += kDay;
    --days;
  }
  const std::int64_t secs = rem / kSec, frac = rem % kSec;
  std::string out = fmt::format("P{}DT{}H{}M{}", days, secs / 3600, secs / 60 % 60, secs % 60);
  if (frac % 1000)
    out += fmt::format(".{:09d}", frac);
  else if (frac)
    out += fmt::format(".{:06d}", frac / 1000);
  return out + "S";
}

ordered_json cell(const Series& s, std::size_t i, const JsonWriteOptions& opt) {
  if (s.is_missing(i)) return nullptr;
  switch (s.dtype()) {
    case DType::float64:
      return s.values<double>()[i];
    case DType::int64:
      return s.values<std::int64_t>()[i];
    case DType::boolean:
      return static_cast<bool>(s.values<bool>()[i]);
    case DType::string:
      return s.values<std::string>()[i];
    case DType::datetime: {
      const std::int64_t ns = s.values<std::int64_t>()[i];
      if (!opt.iso_dates) {
        // pandas floors to milliseconds
        std::int64_t ms = ns / kNsPerMs;
        if (ns % kNsPerMs < 0) --ms;
        return ms;
      }
      std::string text = format_datetime(ns, false, 3);
      std::replace(text.begin(), text.end(), ' ', 'T');
      return text;
    }
    case DType::timedelta: {
      const std::int64_t ns = s.values<std::int64_t>()[i];
      if (!opt.iso_dates) return ns / kNsPerMs;  // pandas truncates towards zero
      return iso_duration(ns);
    }
  }
  return nullptr;
}

ordered_json to_document(const DataFrame& df, const JsonWriteOptions& opt) {
  const std::size_t rows = df.num_rows();
  if (opt.orient == JsonOrient::records) {
    ordered_json out = ordered_json::array();
    for (std::size_t r = 0; r < rows; ++r) {
      ordered_json row = ordered_json::object();
      for (const auto& c : df.columns()) row[c.name()] = cell(c, r, opt);
      out.push_back(std::move(row));
    }
    return out;
  }
  std::vector<std::string> labels(rows);
  for (std::size_t r = 0; r < rows; ++r) labels[r] = df.index().label_string(r);
  if (df.index().kind() == Index::Kind::datetime && !opt.iso_dates) {
    // pandas keys a datetime index by epoch milliseconds too
    for (std::size_t r = 0; r < rows; ++r) {
      std::int64_t ns = df.index().int_at(r);
      std::int64_t ms = ns / kNsPerMs - (ns % kNsPerMs < 0 ? 1 : 0);
      labels[r] = std::to_string(ms);
    }
  }
  std::unordered_set<std::string_view> seen;
  for (const auto& l : labels)
    if (!seen.insert(l).second)
      throw io::IoError(fmt::format(
          "to_json: orient columns needs unique index labels; `{}` appears twice (use orient "
          "records, or give the frame a unique index)",
          l));
  ordered_json out = ordered_json::object();
  for (const auto& c : df.columns()) {
    ordered_json col = ordered_json::object();
    for (std::size_t r = 0; r < rows; ++r) col[labels[r]] = cell(c, r, opt);
    out[c.name()] = std::move(col);
  }
  return out;
}

bool date_like(const std::string& name) {
  std::string lower = name;
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  auto ends = [&](std::string_view suffix) {
    return lower.size() >= suffix.size() &&
           lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends("_at") || ends("_time") || lower == "modified" || lower == "date" ||
         lower == "datetime" || lower.rfind("timestamp", 0) == 0;
}

// pandas' _try_convert_to_date: epoch numbers (all above one year in seconds), trying the units
// s, ms, us, ns in turn; or ISO text. The column is returned unchanged when neither fits.
Series try_dates(const Series& s) {
  constexpr double kMinStamp = 31536000;  // one year of seconds
  const std::size_t n = s.size();
  if (s.dtype() == DType::int64 || s.dtype() == DType::float64) {
    std::vector<double> v = s.to_doubles();
    for (double x : v)
      if (!std::isnan(x) && !(x > kMinStamp)) return s;
    for (std::int64_t factor : {1'000'000'000LL, 1'000'000LL, 1'000LL, 1LL}) {
      bool fits = true;
      for (double x : v)
        if (!std::isnan(x) && std::abs(x) * static_cast<double>(factor) >= 9.2e18) fits = false;
      if (!fits) continue;
      std::vector<std::int64_t> ns(n);
      for (std::size_t i = 0; i < n; ++i) {
        if (std::isnan(v[i])) {
          ns[i] = kNaT;
        } else if (s.dtype() == DType::int64) {
          ns[i] = s.values<std::int64_t>()[i] * factor;
        } else {
          ns[i] = static_cast<std::int64_t>(std::llround(v[i] * static_cast<double>(factor)));
        }
      }
      return Series::datetime(std::move(ns), s.name());
    }
    return s;
  }
  if (s.dtype() == DType::string) {
    std::vector<std::int64_t> ns(n);
    for (std::size_t i = 0; i < n; ++i) {
      if (s.is_missing(i)) {
        ns[i] = kNaT;
        continue;
      }
      try {
        auto parsed = parse_datetime(s.values<std::string>()[i]);
        if (!parsed) return s;
        ns[i] = *parsed;
      } catch (const Error&) {
        return s;
      }
    }
    return Series::datetime(std::move(ns), s.name());
  }
  return s;
}

void add_cell(io::detail::ColumnBuilder& b, const ordered_json& v, const std::string& where) {
  switch (v.type()) {
    case ordered_json::value_t::null:
      return b.add_null();
    case ordered_json::value_t::boolean:
      return b.add_bool(v.get<bool>());
    case ordered_json::value_t::number_integer:
      return b.add_int(v.get<std::int64_t>());
    case ordered_json::value_t::number_unsigned: {
      auto u = v.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return b.add_double(static_cast<double>(u));
      return b.add_int(static_cast<std::int64_t>(u));
    }
    case ordered_json::value_t::number_float:
      return b.add_double(v.get<double>());
    case ordered_json::value_t::string:
      return b.add_string(v.get<std::string>());
    default:
      throw io::IoError(
          fmt::format("{} holds a nested {} ({}); only numbers, booleans, strings "
                      "and null can be cells of a DataFrame",
                      where, v.type_name(), v.dump().substr(0, 60)));
  }
}

Series finish(io::detail::ColumnBuilder& b, const std::string& name, const JsonReadOptions& opt) {
  Series s = b.finish(name);
  if (opt.convert_dates && date_like(name)) s = try_dates(s);
  return s;
}

DataFrame from_document(const ordered_json& doc, const JsonReadOptions& opt,
                        const std::string& source) {
  std::vector<std::string> names;
  std::vector<io::detail::ColumnBuilder> builders;
  auto column = [&](const std::string& name) -> io::detail::ColumnBuilder& {
    auto it = std::find(names.begin(), names.end(), name);
    if (it != names.end()) return builders[static_cast<std::size_t>(it - names.begin())];
    names.push_back(name);
    builders.emplace_back(fmt::format("column `{}` of {}", name, source));
    return builders.back();
  };
  if (opt.orient == JsonOrient::records) {
    if (!doc.is_array())
      throw io::IoError(
          fmt::format("{}: orient records needs a JSON array of row objects, not {} "
                      "(for {{\"column\": {{\"label\": value}}}} use orient columns)",
                      source, doc.type_name()));
    std::size_t row = 0;
    for (const auto& rec : doc) {
      if (!rec.is_object())
        throw io::IoError(fmt::format("{}: row {} is {}, not an object of column values", source,
                                      row, rec.type_name()));
      for (const auto& [key, value] : rec.items()) {
        auto& b = column(key);
        b.pad_to(row);
        add_cell(b, value, fmt::format("column `{}` of {}", key, source));
      }
      ++row;
      for (auto& b : builders) b.pad_to(row);
    }
    std::vector<Series> cols;
    for (std::size_t k = 0; k < names.size(); ++k)
      cols.push_back(finish(builders[k], names[k], opt));
    return DataFrame(std::move(cols));
  }
  if (!doc.is_object())
    throw io::IoError(
        fmt::format("{}: orient columns needs a JSON object of columns, not {} (for "
                    "[{{\"column\": value}}, ...] use orient records)",
                    source, doc.type_name()));
  // index labels in order of first appearance across the columns
  std::vector<std::string> labels;
  std::unordered_map<std::string, std::size_t> position;
  for (const auto& [name, col] : doc.items()) {
    if (!col.is_object())
      throw io::IoError(fmt::format("{}: column `{}` is {}, not an object of label: value", source,
                                    name, col.type_name()));
    for (const auto& [label, _] : col.items())
      if (position.emplace(label, labels.size()).second) labels.push_back(label);
  }
  std::vector<Series> cols;
  for (const auto& [name, col] : doc.items()) {
    io::detail::ColumnBuilder b(fmt::format("column `{}` of {}", name, source));
    std::vector<const ordered_json*> cells(labels.size(), nullptr);
    for (const auto& [label, value] : col.items()) cells[position[label]] = &value;
    for (const auto* c : cells) {
      if (c)
        add_cell(b, *c, fmt::format("column `{}` of {}", name, source));
      else
        b.add_null();
    }
    cols.push_back(finish(b, name, opt));
  }
  std::vector<std::int64_t> ints(labels.size());
  bool all_ints = true;
  for (std::size_t i = 0; i < labels.size() && all_ints; ++i) {
    const auto& l = labels[i];
    auto [p, ec] = std::from_chars(l.data(), l.data() + l.size(), ints[i]);
    all_ints = ec == std::errc() && p == l.data() + l.size() && !l.empty();
  }
  Index index = all_ints ? Index::from_int64(std::move(ints)) : Index::from_strings(labels);
  for (auto& c : cols) c = c.with_index(index);
  if (cols.empty()) return DataFrame();
  return DataFrame(std::move(cols));
}

std::string dump(const DataFrame& df, const JsonWriteOptions& options) {
  return to_document(df, options)
      .dump(options.indent, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace

std::string to_json(const DataFrame& df, const JsonWriteOptions& options) {
  return dump(df, options);
}

void write_json(const DataFrame& df, const std::string& path, const JsonWriteOptions& options) {
  std::string text = dump(df, options);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw io::IoError(fmt::format("write_json: cannot open '{}' for writing", path));
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out)
    throw io::IoError(fmt::format("write_json: cannot write '{}' (the file is incomplete)", path));
}

namespace {
DataFrame parse_from(const std::string& text, const JsonReadOptions& options,
                     const std::string& source) {
  ordered_json doc;
  try {
    doc = ordered_json::parse(text);
  } catch (const ordered_json::parse_error& e) {
    throw io::IoError(fmt::format("{} is not valid JSON: {} (byte {})", source, e.what(), e.byte));
  }
  return from_document(doc, options, source);
}
}  // namespace

DataFrame parse_json(const std::string& text, const JsonReadOptions& options) {
  return parse_from(text, options, "the JSON text");
}

DataFrame read_json(const std::string& path, const JsonReadOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw io::IoError(
        fmt::format("read_json: cannot open '{}': no such file or not readable", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_from(buffer.str(), options, fmt::format("'{}'", path));
}

}  // namespace hamilton
