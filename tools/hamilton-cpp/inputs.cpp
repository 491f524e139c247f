// Values from the command line and from files: `name=value` options, JSON object files, CSV
// inputs, name lists and tag filters; converted to the types the graph takes.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "cli.hpp"

namespace hamilton_cpp {
namespace {

using json = nlohmann::json;

std::optional<double> as_number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  try {
    std::size_t used = 0;
    double d = std::stod(s, &used);
    if (used == s.size()) return d;
  } catch (...) {
  }
  return std::nullopt;
}

hamilton::Value from_json(const json& j, const std::string& name) {
  if (j.is_number()) return j.get<double>();
  if (j.is_boolean()) return j.get<bool>();
  if (j.is_string()) return j.get<std::string>();
  if (j.is_array()) {
    if (std::all_of(j.begin(), j.end(), [](const json& e) { return e.is_number(); })) {
      std::vector<double> v;
      for (const auto& e : j) v.push_back(e.get<double>());
      return v;
    }
    if (std::all_of(j.begin(), j.end(), [](const json& e) { return e.is_string(); })) {
      std::vector<std::string> v;
      for (const auto& e : j) v.push_back(e.get<std::string>());
      return v;
    }
  }
  throw CliError(kInputFile, "value of `" + name + "` is " + j.dump() +
                                 ": give a number, a string, a bool, or a list of numbers or of "
                                 "strings");
}

// `k=v`: a number becomes a double, `[...]` is read as JSON (a list of numbers becomes a
// std::vector<double>), anything else is a std::string.
std::pair<std::string, hamilton::Value> parse_assignment(const std::string& text,
                                                         const char* what) {
  auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw CliError(kUsage, std::string("--") + what + " `" + text +
                               "` is not of the form name=value; write e.g. --" + what + " x=1.5");
  std::string name = text.substr(0, eq), raw = text.substr(eq + 1);
  if (auto d = as_number(raw)) return {name, *d};
  if (!raw.empty() && raw.front() == '[') {
    json j = json::parse(raw, nullptr, false);
    if (!j.is_discarded()) {
      try {
        return {name, from_json(j, name)};
      } catch (const CliError& e) {
        throw CliError(kUsage, e.what());
      }
    }
  }
  return {name, raw};
}

// The parts of `text` between the separators (empty ones too, but for a last one).
std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string part;
  while (std::getline(ss, part, separator)) out.push_back(part);
  return out;
}

}  // namespace

void assign_all(const std::vector<std::string>& texts, const char* what,
                hamilton::ValueMap& values) {
  for (const auto& text : texts) {
    auto [k, v] = parse_assignment(text, what);
    values[k] = v;
  }
}

hamilton::ValueMap read_json_values(const std::string& path, const char* what) {
  std::ifstream in(path);
  if (!in)
    throw CliError(kInputFile, std::string("cannot read ") + what + " file `" + path +
                                   "`: it does not exist or is not readable");
  json j = json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw CliError(kInputFile, std::string(what) + " file `" + path +
                                   "` is not a JSON object; write {\"name\": value, ...}");
  hamilton::ValueMap out;
  for (auto it = j.begin(); it != j.end(); ++it) {
    try {
      out[it.key()] = from_json(it.value(), it.key());
    } catch (const CliError& e) {
      throw CliError(kInputFile, std::string(what) + " file `" + path + "`: " + e.what());
    }
  }
  return out;
}

void read_csv_inputs(const hamilton::Graph& graph, const std::string& path,
                     hamilton::Inputs& inputs) {
  hamilton::DataFrame df;
  try {
    df = hamilton::read_csv(path);
  } catch (const hamilton::Error& e) {
    throw CliError(kInputFile, std::string("cannot read CSV inputs: ") + e.what());
  }
  for (const auto& column : df.column_names()) {
    if (graph.contains(column) && graph.variable(column).is_external_input) {
      inputs[column] = df[column];
    } else {
      std::cerr << "note: CSV column `" << column << "` is not an input of the graph; not used\n";
    }
  }
}

std::vector<std::string> split_list(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  for (const auto& item : items)
    for (auto& part : split(item, ','))
      if (!part.empty()) out.push_back(std::move(part));
  return out;
}

hamilton::TagFilter parse_tags(const std::vector<std::string>& tags) {
  hamilton::TagFilter filter;
  for (const auto& t : tags) {
    auto eq = t.find('=');
    if (eq == 0) throw CliError(kUsage, "--tag `" + t + "` has no key; write --tag key=value");
    if (eq == std::string::npos) {
      filter.insert_or_assign(t, hamilton::TagMatch::any());
      continue;
    }
    std::string key = t.substr(0, eq), values = t.substr(eq + 1);
    std::vector<std::string> alternatives = split(values, '|');
    if (alternatives.size() <= 1)
      filter.insert_or_assign(key, hamilton::TagMatch(values));
    else
      filter.insert_or_assign(key, hamilton::TagMatch(alternatives));
  }
  return filter;
}

void adapt_to_graph(const hamilton::Graph& graph, hamilton::ValueMap& values) {
  for (auto& [name, value] : values) {
    if (!graph.contains(name)) continue;
    const hamilton::TypeInfo& want = *graph.variable(name).type;
    if (value.type() == want) continue;
    if (want == hamilton::TypeInfo::of<hamilton::Series>()) {
      if (auto* d = value.get_if<std::vector<double>>())
        value = hamilton::Series(*d, name);
      else if (auto* s = value.get_if<std::vector<std::string>>())
        value = hamilton::Series(*s, name);
      continue;
    }
    if (want.is_arithmetic() && value.type().is_arithmetic()) {
      double x = value.type().to_double(value.data());
      hamilton::Value converted = want.from_double(x);
      if (want.to_double(converted.data()) == x) value = converted;
    }
  }
}

}  // namespace hamilton_cpp
