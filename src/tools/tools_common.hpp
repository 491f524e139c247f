#pragma once
// Helpers shared by the tools layer (visualization, lineage, catalog).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "graph/graph_impl.hpp"
#include "hamilton/value.hpp"

namespace hamilton::tools::detail {

/// A readable rendering of a config value: numbers, bools, strings; otherwise `<type>`.
std::string value_to_string(const Value& v);

/// `s` with &, <, >, " and ' escaped for HTML (and Graphviz HTML labels).
std::string html_escape(std::string_view s);

/// "function", "input" or "config".
const char* role_name(NodeRole role);

/// The type as listings show it (`hamilton::Value` for run-time typed nodes; config values
/// show the type of their value).
std::string type_name_of(const hamilton::detail::GraphNode& n);

/// `s` in lower case (ASCII).
std::string lower(std::string s);

/// Writes `text` to `path`, replacing it; every write and the close are checked. Returns why
/// it could not (a message naming the path and the system's reason), or nothing.
std::optional<std::string> write_file(std::string_view text, const std::filesystem::path& path);

/// `s` with every byte that is not part of valid UTF-8 replaced by U+FFFD (what every text the
/// tools write, JSON, HTML, Markdown and DOT, goes through: docs/catalog.md).
std::string valid_utf8(std::string_view s);

}  // namespace hamilton::tools::detail
