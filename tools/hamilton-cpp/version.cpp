// `version`: the version of hamilton-cpp and, with --module, the code version of every node.
#include <CLI/CLI.hpp>
#include <hamilton/registry/abi.hpp>
#include <iostream>

#include "cli.hpp"

namespace hamilton_cpp {
namespace {

// The ABI stamp a module library must carry to be loaded (docs/core.md, "Linking modules").
constexpr const char* kAbiLine = "module libraries: " HAMILTON_ABI_TAG;

struct Version final : Command {
  const std::vector<std::string>* modules = nullptr;
  bool json = false;

  bool needs_driver() const override { return !modules->empty(); }
  int run_alone() override {
    if (json)
      std::cout << dump_json({{"hamilton_cpp", hamilton::version()}, {"abi", HAMILTON_ABI_TAG}}, 2)
                << "\n";
    else
      std::cout << "hamilton-cpp " << hamilton::version() << "\n" << kAbiLine << "\n";
    return kOk;
  }
  int run(hamilton::Driver& dr) override {
    auto variables = dr.list_available_variables();
    if (json) {
      nlohmann::json nodes = nlohmann::json::object();
      for (const auto& v : variables)
        if (v.role == hamilton::NodeRole::function)
          nodes[v.name] = v.version.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.version);
      std::cout << dump_json({{"hamilton_cpp", hamilton::version()},
                              {"abi", HAMILTON_ABI_TAG},
                              {"nodes", nodes}},
                             2)
                << "\n";
      return kOk;
    }
    std::cout << "hamilton-cpp " << hamilton::version() << "\n" << kAbiLine << "\n";
    for (const auto& v : variables)
      if (v.role == hamilton::NodeRole::function)
        std::cout << v.name << "  " << (v.version.empty() ? "(none)" : v.version) << "\n";
    return kOk;
  }
};

}  // namespace

std::unique_ptr<Command> add_version(CLI::App& app, const std::vector<std::string>& modules) {
  auto c = std::make_unique<Version>();
  c->modules = &modules;
  c->app = app.add_subcommand(
      "version",
      "Print the version of hamilton-cpp, the ABI stamp module libraries must carry and, with "
      "--module, each node's code version (its file's SHA-256, or version(\"...\"))");
  c->app->add_flag("--json", c->json, "Print JSON: {hamilton_cpp, abi, nodes: {name: version}}");
  return c;
}

}  // namespace hamilton_cpp
