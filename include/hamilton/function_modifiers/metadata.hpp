#pragma once
/// \file
/// Metadata modifiers: `doc` (the node's documentation), `tag` (key → value(s) tags),
/// `tag_outputs` (tags for individual nodes a function makes) and `accept_error_sentinels`.
///
/// Tag keys are dot-separated identifiers (`owner`, `team.name`). Keys in Hamilton's reserved
/// namespaces are refused: `hamilton`, `data_quality`, `gdpr`, `ccpa`, `dag`, `module`,
/// `ray_remote` (the key itself or `<namespace>.<anything>`); the framework sets those.

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "hamilton/caching/cache.hpp"
#include "hamilton/export.hpp"
#include "hamilton/registry/modifier.hpp"

namespace hamilton::modifiers {

/// The node's documentation, shown by listings, pictures and the catalog
/// (Hamilton takes it from the docstring).
HAMILTON_EXPORT Modifier doc(std::string text);

/// One tag: a key with one value or a list of values.
struct HAMILTON_EXPORT TagEntry {
  TagEntry(std::string k, std::string v) : key(std::move(k)), values{std::move(v)} {}
  TagEntry(std::string k, const char* v) : key(std::move(k)), values{std::string(v)} {}
  TagEntry(std::string k, std::vector<std::string> v) : key(std::move(k)), values(std::move(v)) {}
  TagEntry(std::string k, std::initializer_list<std::string> v) : key(std::move(k)), values(v) {}
  std::string key;
  std::vector<std::string> values;
};

/// Tags the node: `tag({{"owner", "fed"}, {"sources", {"crm", "web"}}})`.
HAMILTON_EXPORT Modifier tag(std::initializer_list<TagEntry> tags);
/// Tags the node with one key: `tag("pii", "true")`.
HAMILTON_EXPORT Modifier tag(std::string key, std::string value);
/// Tags the node with one key and several values: `tag("sources", {"crm", "web"})`.
HAMILTON_EXPORT Modifier tag(std::string key, std::vector<std::string> values);

/// The tags of one node made by the function.
struct HAMILTON_EXPORT OutputTags {
  std::string node;
  std::vector<TagEntry> tags;
};
/// Tags individual nodes a function makes (e.g. the columns of `extract_columns`):
/// `tag_outputs({{"a", {{"owner", "fed"}}}, {"b", {{"owner", "ops"}}}})`. Naming a node the
/// function does not make is a build error.
HAMILTON_EXPORT Modifier tag_outputs(std::initializer_list<OutputTags> outputs);

/// Hamilton's `accept_error_sentinels`: under graceful failure (`GracefulErrors`), the node runs
/// even when an argument failed, receiving an empty value for it (`std::nullopt` for a
/// `std::optional<T>` parameter, an empty `hamilton::Value`); a parameter of another type still
/// makes it skipped. Tags the node `hamilton.error_sentinel`. A node with no parameter that can
/// be empty is a build error.
HAMILTON_EXPORT Modifier accept_error_sentinels();

/// The code version of the nodes the function makes (NodeSpec::version), for the result cache:
/// `version("2")`. Use it when what the node computes changed without its file changing (a
/// header or library it calls); by default a node built by `hamilton_add_module` is versioned
/// by its file's SHA-256. An empty version is a build error.
HAMILTON_EXPORT Modifier version(std::string code_version);

/// Hamilton's `@cache(behavior=...)`: how the result cache treats the nodes the function makes
/// (`Builder::with_cache`), e.g. `cache(caching::Behavior::recompute)` for a node that reads a
/// database. Sets the tag `cache.behavior`; the Builder's lists win over it. docs/caching.md.
HAMILTON_EXPORT Modifier cache(caching::Behavior behavior);
/// The same, by name: "default", "recompute", "disable" or "ignore" (any case); another name is
/// a build error.
HAMILTON_EXPORT Modifier cache(std::string behavior);

/// Hamilton's `schema.output`: the fields of the DataFrame the node returns, as (name, type)
/// pairs (Hamilton's SchemaTypes: "int", "float", "str", ... are not checked), for pictures and
/// catalogs: `schema_output({{"a", "int"}, {"b", "float"}})`. Sets the tag
/// `hamilton.internal.schema_output` (`a=int,b=float`), which drawings show as a field list
/// around the node (`VizOptions::show_schema`). A node that does not return a DataFrame is a
/// build error; `target` names one node the function makes (default: its final nodes).
struct HAMILTON_EXPORT SchemaField {
  std::string name;
  std::string type;
};
HAMILTON_EXPORT Modifier schema_output(std::vector<SchemaField> fields, std::string target = {});

/// The reserved tag namespaces (Hamilton's RESERVED_TAG_NAMESPACES plus `ray_remote`).
HAMILTON_EXPORT const std::vector<std::string>& reserved_tag_namespaces();
/// Why `key` cannot be a user tag key, or an empty string if it can.
HAMILTON_EXPORT std::string tag_key_problem(const std::string& key);

}  // namespace hamilton::modifiers

namespace hamilton {
using modifiers::accept_error_sentinels;
using modifiers::cache;
using modifiers::doc;
using modifiers::schema_output;
using modifiers::SchemaField;
using modifiers::tag;
using modifiers::tag_outputs;
}  // namespace hamilton
