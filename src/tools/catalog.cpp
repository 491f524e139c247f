// The catalog: every node as JSON, Markdown or a self-contained HTML page.
#include "hamilton/tools/catalog.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "graph/graph_impl.hpp"
#include "tools/tools_common.hpp"

namespace hamilton::tools {
namespace {

using detail::html_escape;

using hamilton::detail::GraphImpl;
using Index = std::uint32_t;

// Markdown table cells: no pipes or newlines.
std::string md_cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else
      out += c;
  }
  return out;
}

// GitHub-style anchor of a Markdown heading made of the node name.
std::string md_anchor(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')
      out += static_cast<char>(std::tolower(c));
    else if (c == ' ')
      out += '-';
  }
  return out;
}

std::string tag_text(const Tags& tags) {
  std::string out;
  for (const auto& [k, values] : tags) {
    if (!out.empty()) out += ", ";
    out += k + "=";
    for (std::size_t i = 0; i < values.size(); ++i) out += (i ? "|" : "") + values[i];
  }
  return out;
}

nlohmann::json entry_json(const CatalogEntry& e) {
  const Variable& v = e.node;
  nlohmann::json tags = nlohmann::json::object();
  for (const auto& [k, values] : v.tags) {
    if (values.size() == 1)
      tags[k] = values[0];
    else
      tags[k] = values;
  }
  nlohmann::json j;
  j["name"] = v.name;
  j["type"] = v.type_name;
  j["role"] = detail::role_name(v.role);
  j["documentation"] = v.documentation;
  // Hamilton's HamiltonNode.version: the code version, null for a node without one
  if (v.version.empty())
    j["version"] = nullptr;
  else
    j["version"] = v.version;
  j["tags"] = tags;
  j["module"] = v.module;
  if (v.location.known())
    j["source"] = {{"file", v.location.file}, {"line", v.location.line}};
  else
    j["source"] = nullptr;
  j["originating_function"] = v.originating_function;
  j["required_dependencies"] = v.required_dependencies;
  j["optional_dependencies"] = v.optional_dependencies;
  j["consumers"] = e.consumers;
  j["data_quality_checks"] = e.data_quality_checks;
  j["is_external_input"] = v.is_external_input;
  if (v.role == NodeRole::input) j["required"] = v.required;
  if (v.role == NodeRole::config) j["value"] = e.config_value;
  return j;
}

const char* kCss = R"CSS(
body{font-family:Helvetica,Arial,sans-serif;margin:0;color:#1d2b36;background:#f7f9fa}
header{position:sticky;top:0;background:#1d3b4a;color:#fff;padding:12px 20px;z-index:2}
header h1{font-size:20px;margin:0 0 8px 0}
#search{width:60%;max-width:640px;padding:6px 10px;font-size:15px;border-radius:4px;border:0}
#count{margin-left:12px;font-size:13px}
main{padding:12px 20px}
.node{background:#fff;border:1px solid #d5e1e6;border-left:6px solid #b4d8e4;border-radius:6px;padding:10px 14px;margin:10px 0}
.node.role-input{border-left-color:#999;border-left-style:dashed}
.node.role-config{border-left-color:#e0c06a}
.node.target{outline:3px solid #FFC857}
.node h2{font-size:17px;margin:0 0 4px 0}
.node h2 a{color:inherit;text-decoration:none}
.type{font-style:italic;color:#3c6e80;font-size:13px}
.meta{font-size:12px;color:#5b6b73;margin:4px 0}
.doc{margin:6px 0}
.tag{display:inline-block;background:#e6f1f5;border-radius:10px;padding:1px 8px;margin:2px 4px 2px 0;font-size:12px}
.links{font-size:13px;margin:3px 0}
.links a{margin-right:8px}
.hidden{display:none}
)CSS";

// Search: every whitespace-separated term must match; `key=value` matches a tag, anything else
// a substring of the name, tags or documentation. `?q=` sets the initial search. Following a
// lineage link to a hidden node clears the search so the target is shown.
const char* kJs = R"JS(
(function(){
  var input=document.getElementById('search');
  var count=document.getElementById('count');
  var nodes=Array.prototype.slice.call(document.querySelectorAll('.node'));
  function matches(el,terms){
    var text=el.getAttribute('data-search');
    var tags=JSON.parse(el.getAttribute('data-tags'));
    return terms.every(function(t){
      var eq=t.indexOf('=');
      if(eq>0){var k=t.slice(0,eq),v=t.slice(eq+1);
        return tags.some(function(p){return p[0]===k&&(v===''||p[1]===v);});}
      return text.indexOf(t)>=0;
    });
  }
  function apply(){
    var terms=input.value.toLowerCase().split(/\s+/).filter(function(t){return t.length>0;});
    var shown=0;
    nodes.forEach(function(el){var ok=matches(el,terms);el.classList.toggle('hidden',!ok);if(ok)shown++;});
    count.textContent=shown+' of '+nodes.length+' nodes';
  }
  function target(){
    nodes.forEach(function(el){el.classList.remove('target');});
    var id=decodeURIComponent(location.hash.slice(1));
    if(!id)return;
    var el=document.getElementById(id);
    if(!el)return;
    if(el.classList.contains('hidden')){input.value='';apply();}
    el.classList.add('target');
    el.scrollIntoView();
  }
  input.addEventListener('input',apply);
  window.addEventListener('hashchange',target);
  var q=new URLSearchParams(location.search).get('q');
  if(q)input.value=q;
  apply();
  target();
})();
)JS";

void write_file(const std::string& text, const std::filesystem::path& path) {
  if (auto why = detail::write_file(text, path)) throw CatalogError(*why);
}

}  // namespace

std::vector<CatalogEntry> catalog_entries(const Graph& graph) {
  const GraphImpl& g = graph.impl();
  std::map<std::string, std::vector<std::string>> checks;
  for (const auto& n : g.nodes) {
    auto it = n.tags.find(kDataQualitySourceTag);
    if (it == n.tags.end()) continue;
    for (const auto& target : it->second) checks[target].push_back(n.name);
  }
  std::vector<CatalogEntry> out;
  out.reserve(g.nodes.size());
  for (Index i = 0; i < g.nodes.size(); ++i) {
    CatalogEntry e;
    e.node = g.variable(i);
    e.node.type_name = detail::type_name_of(g.nodes[i]);
    for (auto c : g.nodes[i].consumers) e.consumers.push_back(g.nodes[c].name);
    std::sort(e.consumers.begin(), e.consumers.end());
    auto it = checks.find(g.nodes[i].name);
    if (it != checks.end()) {
      e.data_quality_checks = it->second;
      std::sort(e.data_quality_checks.begin(), e.data_quality_checks.end());
    }
    if (g.nodes[i].role == NodeRole::config)
      e.config_value = detail::value_to_string(g.nodes[i].value);
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(),
            [](const CatalogEntry& a, const CatalogEntry& b) { return a.node.name < b.node.name; });
  return out;
}

std::string catalog_json(const Graph& graph, int indent) {
  nlohmann::json nodes = nlohmann::json::array();
  for (const auto& e : catalog_entries(graph)) nodes.push_back(entry_json(e));
  nlohmann::json root;
  root["nodes"] = std::move(nodes);
  // invalid UTF-8 (a doc or tag of Latin-1 bytes) becomes U+FFFD, as everywhere the tools write
  return root.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string catalog_markdown(const Graph& graph, const std::string& title) {
  auto entries = catalog_entries(graph);
  std::string out = fmt::format("# {}\n\n{} nodes.\n\n", title, entries.size());
  out += "| name | type | role | module | documentation |\n|---|---|---|---|---|\n";
  for (const auto& e : entries)
    out += fmt::format("| [{}](#{}) | `{}` | {} | {} | {} |\n", md_cell(e.node.name),
                       md_anchor(e.node.name), md_cell(e.node.type_name),
                       detail::role_name(e.node.role), md_cell(e.node.module),
                       md_cell(e.node.documentation));
  auto links = [](const std::vector<std::string>& names) {
    std::string s;
    for (std::size_t i = 0; i < names.size(); ++i)
      s += fmt::format("{}[{}](#{})", i ? ", " : "", names[i], md_anchor(names[i]));
    return s;
  };
  for (const auto& e : entries) {
    const Variable& v = e.node;
    out += fmt::format("\n## {}\n\n", v.name);
    if (!v.documentation.empty()) out += v.documentation + "\n\n";
    out += fmt::format("- type: `{}`\n- role: {}\n", v.type_name, detail::role_name(v.role));
    if (!v.module.empty()) out += fmt::format("- module: {}\n", v.module);
    if (v.location.known()) out += fmt::format("- source: `{}`\n", v.location.to_string());
    if (v.role == NodeRole::function && !v.version.empty())
      out += fmt::format("- version: `{}`\n", v.version);
    if (v.role == NodeRole::config) out += fmt::format("- value: `{}`\n", e.config_value);
    if (!v.tags.empty()) out += fmt::format("- tags: {}\n", tag_text(v.tags));
    if (!v.required_dependencies.empty())
      out += fmt::format("- requires: {}\n", links(v.required_dependencies));
    if (!v.optional_dependencies.empty())
      out += fmt::format("- optionally uses: {}\n", links(v.optional_dependencies));
    if (!e.consumers.empty()) out += fmt::format("- used by: {}\n", links(e.consumers));
    if (!e.data_quality_checks.empty())
      out += fmt::format("- data-quality checks: {}\n", links(e.data_quality_checks));
  }
  return detail::valid_utf8(out);
}

std::string catalog_html(const Graph& graph, const std::string& title) {
  auto entries = catalog_entries(graph);
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n", html_escape(title),
                     kCss);
  out += fmt::format(
      "<header><h1>{}</h1><input id=\"search\" type=\"search\" autocomplete=\"off\" "
      "placeholder=\"Search by name, tag (key=value) or documentation\"><span id=\"count\">{} "
      "nodes</span></header>\n<main>\n",
      html_escape(title), entries.size());
  auto links = [](const char* cls, const std::vector<std::string>& names) {
    std::string s;
    for (const auto& n : names)
      s += fmt::format("<a class=\"{}\" href=\"#node-{}\">{}</a>", cls, html_escape(n),
                       html_escape(n));
    return s;
  };
  for (const auto& e : entries) {
    const Variable& v = e.node;
    std::string search = v.name + " " + v.documentation + " " + v.module + " " + v.type_name;
    nlohmann::json tag_pairs = nlohmann::json::array();
    for (const auto& [k, values] : v.tags)
      for (const auto& val : values) {
        tag_pairs.push_back({k, val});
        search += " " + k + "=" + val;
      }
    search = detail::lower(std::move(search));
    // tags are matched case-insensitively too
    std::string tags_attr =
        detail::lower(tag_pairs.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    out += fmt::format(
        "<section class=\"node role-{}\" id=\"node-{}\" data-name=\"{}\" "
        "data-search=\"{}\" data-tags=\"{}\">\n",
        detail::role_name(v.role), html_escape(v.name), html_escape(v.name), html_escape(search),
        html_escape(tags_attr));
    out += fmt::format("<h2><a href=\"#node-{}\">{}</a> <span class=\"type\">{}</span></h2>\n",
                       html_escape(v.name), html_escape(v.name), html_escape(v.type_name));
    std::string meta = detail::role_name(v.role);
    if (!v.module.empty()) meta += " &middot; module " + html_escape(v.module);
    if (v.location.known()) meta += " &middot; " + html_escape(v.location.to_string());
    if (v.role == NodeRole::function && !v.version.empty())
      meta += " &middot; version <code>" + html_escape(v.version) + "</code>";
    if (v.role == NodeRole::config)
      meta += " &middot; value <code>" + html_escape(e.config_value) + "</code>";
    out += fmt::format("<div class=\"meta\">{}</div>\n", meta);
    if (!v.documentation.empty())
      out += fmt::format("<div class=\"doc\">{}</div>\n", html_escape(v.documentation));
    if (!v.tags.empty()) {
      out += "<div class=\"tags\">";
      for (const auto& [k, values] : v.tags)
        for (const auto& val : values)
          out += fmt::format("<span class=\"tag\">{}={}</span>", html_escape(k), html_escape(val));
      out += "</div>\n";
    }
    std::vector<std::string> upstream = v.required_dependencies;
    upstream.insert(upstream.end(), v.optional_dependencies.begin(), v.optional_dependencies.end());
    if (!upstream.empty())
      out +=
          fmt::format("<div class=\"links upstream\">upstream: {}</div>\n", links("up", upstream));
    if (!e.consumers.empty())
      out += fmt::format("<div class=\"links downstream\">downstream: {}</div>\n",
                         links("down", e.consumers));
    if (!e.data_quality_checks.empty())
      out += fmt::format("<div class=\"links checks\">data-quality checks: {}</div>\n",
                         links("check", e.data_quality_checks));
    out += "</section>\n";
  }
  out += fmt::format("</main>\n<script>{}</script>\n</body>\n</html>\n", kJs);
  return detail::valid_utf8(out);  // the page says charset=utf-8
}

void write_catalog(const Graph& graph, const std::filesystem::path& path) {
  std::string suffix = detail::lower(path.extension().string());
  if (suffix == ".json") return write_file(catalog_json(graph), path);
  if (suffix == ".md" || suffix == ".markdown") return write_file(catalog_markdown(graph), path);
  if (suffix == ".html" || suffix == ".htm") return write_file(catalog_html(graph), path);
  throw CatalogError(
      fmt::format("cannot write the catalog to `{}`: {}; give a file name ending "
                  "in .json, .md or .html",
                  path.string(),
                  suffix.empty() ? std::string("the file name has no suffix")
                                 : fmt::format("unknown suffix `{}`", suffix)));
}

}  // namespace hamilton::tools
