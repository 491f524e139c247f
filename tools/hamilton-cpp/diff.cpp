// `diff`: what changed between two builds of a graph: nodes added, removed and changed (code
// version, type, role, dependencies), from catalogs (`catalog -f json`) or module libraries.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <map>
#include <sstream>

#include "cli.hpp"

namespace hamilton_cpp {
namespace {

struct NodeFacts {
  std::string type, role;
  std::string version;  // "" for none
  std::vector<std::string> requires_, optional;
};
using Facts = std::map<std::string, NodeFacts>;

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The catalog JSON of a module library, from this program run on it alone (so that two
// libraries defining the same modules are never loaded into one process).
std::string catalog_of_library(const std::string& path, const std::vector<std::string>& config) {
  auto quote = [](const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
  };
  char self[4096];
  const ssize_t len = ::readlink("/proc/self/exe", self, sizeof self - 1);
  if (len <= 0)
    throw CliError(kInternal, "cannot find the hamilton-cpp executable (/proc/self/exe)");
  std::string cmd = quote(std::string(self, static_cast<std::size_t>(len))) + " catalog -f json";
  cmd += " --module " + quote(path);
  for (const auto& c : config) cmd += " --config " + quote(c);
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) throw CliError(kInternal, "cannot run " + cmd);
  std::string out;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = ::pclose(p);
  if (status != 0)
    throw CliError(kModuleLibrary,
                   "cannot read the graph of module library `" + path + "` (its error is above)");
  return out;
}

Facts read_facts(const std::string& what, const std::vector<std::string>& config) {
  const bool json = ends_with(what, ".json");
  const std::string text =
      json ? read_regular_file(what, "catalog") : catalog_of_library(what, config);
  nlohmann::json j;
  try {
    // a catalog nests 4 levels; a deeper file is refused before it is built
    j = nlohmann::json::parse(
        text, [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
          using E = nlohmann::json::parse_event_t;
          if ((event == E::object_start || event == E::array_start) && depth >= kMaxJsonDepth)
            throw CliError(kInputFile, "`" + what + "` is not a catalog: it is nested more than " +
                                           std::to_string(kMaxJsonDepth) + " levels deep");
          return true;
        });
  } catch (const nlohmann::json::exception& e) {
    throw CliError(kInputFile, "`" + what +
                                   "` is not a catalog (write one with `hamilton-cpp "
                                   "catalog -f json -o FILE.json`): " +
                                   e.what());
  }
  if (!j.is_object() || !j.contains("nodes") || !j["nodes"].is_array())
    throw CliError(kInputFile, "`" + what +
                                   "` is not a catalog: it has no \"nodes\" list (write "
                                   "one with `hamilton-cpp catalog -f json -o FILE.json`)");
  Facts facts;
  for (const auto& n : j["nodes"]) {
    if (!n.is_object() || !n.contains("name") || !n["name"].is_string())
      throw CliError(kInputFile, "`" + what + "` is not a catalog: a node has no \"name\"");
    NodeFacts f;
    auto str = [&](const char* key) {
      return n.contains(key) && n[key].is_string() ? n[key].get<std::string>() : std::string();
    };
    auto list = [&](const char* key) {
      std::vector<std::string> out;
      if (n.contains(key) && n[key].is_array())
        for (const auto& x : n[key])
          if (x.is_string()) out.push_back(x.get<std::string>());
      return out;
    };
    f.type = str("type");
    f.role = str("role");
    f.version = str("version");
    f.requires_ = list("required_dependencies");
    f.optional = list("optional_dependencies");
    facts[n["name"].get<std::string>()] = std::move(f);
  }
  return facts;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i];
  return s + "]";
}

// What differs between two facts of one node, "; "-separated; empty if nothing.
std::string changes(const NodeFacts& a, const NodeFacts& b) {
  std::vector<std::string> out;
  auto text = [](const std::string& v) { return v.empty() ? std::string("none") : v; };
  if (a.version != b.version)
    out.push_back("version " + text(a.version) + " -> " + text(b.version));
  if (a.type != b.type) out.push_back("type " + a.type + " -> " + b.type);
  if (a.role != b.role) out.push_back("role " + a.role + " -> " + b.role);
  if (a.requires_ != b.requires_)
    out.push_back("requires " + joined(a.requires_) + " -> " + joined(b.requires_));
  if (a.optional != b.optional)
    out.push_back("optionally uses " + joined(a.optional) + " -> " + joined(b.optional));
  std::string s;
  for (std::size_t i = 0; i < out.size(); ++i) s += (i ? "; " : "") + out[i];
  return s;
}

struct Diff final : Command {
  std::string old_graph, new_graph;
  bool json = false;
  const std::vector<std::string>* config = nullptr;

  bool needs_driver() const override { return false; }
  int run(hamilton::Driver&) override { return run_alone(); }
  int run_alone() override {
    const Facts a = read_facts(old_graph, *config), b = read_facts(new_graph, *config);
    nlohmann::json added = nlohmann::json::array(), removed = nlohmann::json::array(),
                   changed = nlohmann::json::array();
    std::size_t unchanged = 0;
    std::ostringstream text, added_text, changed_text;  // removed, then added, then changed
    for (const auto& [name, f] : a)
      if (!b.count(name)) {
        removed.push_back({{"name", name}, {"type", f.type}, {"role", f.role}});
        text << "- " << name << " (" << f.type << ", " << f.role << ")\n";
      }
    for (const auto& [name, f] : b) {
      auto it = a.find(name);
      if (it == a.end()) {
        added.push_back({{"name", name}, {"type", f.type}, {"role", f.role}});
        added_text << "+ " << name << " (" << f.type << ", " << f.role << ")\n";
      } else if (std::string c = changes(it->second, f); !c.empty()) {
        changed.push_back({{"name", name}, {"changes", c}});
        changed_text << "~ " << name << ": " << c << "\n";
      } else {
        ++unchanged;
      }
    }
    if (json) {
      std::cout << dump_json({{"added", added},
                              {"removed", removed},
                              {"changed", changed},
                              {"unchanged", unchanged}},
                             2)
                << "\n";
    } else {
      std::cout << text.str() << added_text.str() << changed_text.str() << added.size()
                << " added, " << removed.size() << " removed, " << changed.size() << " changed, "
                << unchanged << " unchanged\n";
    }
    return kOk;
  }
};

}  // namespace

std::unique_ptr<Command> add_diff(CLI::App& app, const std::vector<std::string>& config) {
  auto c = std::make_unique<Diff>();
  c->config = &config;
  c->app = app.add_subcommand(
      "diff",
      "Nodes added, removed and changed (code version, type, role, dependencies) between two "
      "builds: each a catalog (`catalog -f json -o FILE.json`) or a module library");
  c->app->add_option("old", c->old_graph, "The old build: FILE.json or a module library (.so)")
      ->required();
  c->app->add_option("new", c->new_graph, "The new build: FILE.json or a module library (.so)")
      ->required();
  c->app->add_flag("--json", c->json, "Print {added, removed, changed, unchanged} as JSON");
  return c;
}

}  // namespace hamilton_cpp
