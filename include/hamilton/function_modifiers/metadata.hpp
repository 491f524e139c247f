#pragma once
/// \file
/// Metadata modifiers: `doc` (the node's documentation) and `tag` (key → value(s) tags).

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "hamilton/function_modifiers/modifier.hpp"

namespace hamilton::modifiers {

/// The node's documentation, shown by listings, pictures and the catalog
/// (Hamilton takes it from the docstring).
Modifier doc(std::string text);

/// One tag: a key with one value or a list of values.
struct TagEntry {
  TagEntry(std::string k, std::string v) : key(std::move(k)), values{std::move(v)} {}
  TagEntry(std::string k, const char* v) : key(std::move(k)), values{std::string(v)} {}
  TagEntry(std::string k, std::vector<std::string> v) : key(std::move(k)), values(std::move(v)) {}
  TagEntry(std::string k, std::initializer_list<std::string> v) : key(std::move(k)), values(v) {}
  std::string key;
  std::vector<std::string> values;
};

/// Tags the node: `tag({{"owner", "fed"}, {"sources", {"crm", "web"}}})`.
Modifier tag(std::initializer_list<TagEntry> tags);
/// Tags the node with one key: `tag("pii", "true")`.
Modifier tag(std::string key, std::string value);
/// Tags the node with one key and several values: `tag("sources", {"crm", "web"})`.
Modifier tag(std::string key, std::vector<std::string> values);

}  // namespace hamilton::modifiers

namespace hamilton {
using modifiers::doc;
using modifiers::tag;
}  // namespace hamilton
