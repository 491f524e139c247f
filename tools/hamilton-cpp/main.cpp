// hamilton-cpp: the command line over module libraries (shared libraries of NODEs).
//
//   hamilton-cpp list     --module lib.so [--tag k=v] [--json]
//   hamilton-cpp view     --module lib.so -o dag.svg [--outputs a,b | --upstream-of a | ...]
//   hamilton-cpp lineage  --module lib.so --downstream-of spend [--json]
//   hamilton-cpp validate --module lib.so --outputs a,b --input-names x,y
//   hamilton-cpp run      --module lib.so --outputs a,b --input x=1
//   hamilton-cpp catalog  --module lib.so -o catalog.html
//
// Exit codes (docs/cli.md): 0 ok, 1 internal error, 2 usage, 3 module library, 4 graph,
// 5 unknown node / no path, 6 request cannot be computed, 7 a node failed, 8 cannot write
// output, 9 cannot read an input or config file.
//
// This file: the app, its global options, loading the module libraries, running the parsed
// subcommand and turning errors into exit codes. cli.hpp says where the rest is.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli.hpp"

namespace hamilton_cpp {
namespace {

struct Global {
  std::vector<std::string> modules;
  std::vector<std::string> config;
  std::string config_file;
};

hamilton::Driver build_driver(const Global& g) {
  if (g.modules.empty())
    throw CliError(kModuleLibrary,
                   "no module library given; pass one or more with --module path/to/module.so "
                   "(build it with hamilton_add_module(<name> SHARED SOURCES ...))");
  hamilton::Config config;
  if (!g.config_file.empty()) config = read_json_values(g.config_file, "config");
  assign_all(g.config, "config", config);
  hamilton::Builder b;
  for (const auto& m : g.modules) b.with_module_library(m);
  b.with_config(config);
  return b.build();
}

// ---- errors to exit codes ------------------------------------------------------------------

int report(const std::exception& e) {
  std::cerr << "error: " << e.what() << "\n";
  if (auto* c = dynamic_cast<const CliError*>(&e)) return c->code;
  if (auto* ge = dynamic_cast<const hamilton::GraphError*>(&e)) {
    bool library = false;
    for (const auto& p : ge->problems())
      if (p.code == hamilton::ErrorCode::module_library_missing ||
          p.code == hamilton::ErrorCode::module_library_load ||
          p.code == hamilton::ErrorCode::module_library_empty ||
          p.code == hamilton::ErrorCode::no_modules)
        library = true;
    if (library)
      std::cerr << "hint: check the --module paths; each must be a shared library built with "
                   "hamilton_add_module(<name> SHARED ...)\n";
    else
      std::cerr << "hint: fix the node definitions above (or pass --config values they need)\n";
    return library ? kModuleLibrary : kGraph;
  }
  if (dynamic_cast<const hamilton::UnknownNodeError*>(&e)) {
    std::cerr << "hint: `hamilton-cpp list --module ...` shows every node\n";
    return kUnknownNode;
  }
  if (dynamic_cast<const hamilton::InputError*>(&e)) return kRequest;
  if (dynamic_cast<const hamilton::ExecutionError*>(&e)) return kExecution;
  if (dynamic_cast<const hamilton::tools::DrawingError*>(&e) ||
      dynamic_cast<const hamilton::tools::CatalogError*>(&e))
    return kOutputFile;
  return kInternal;
}

}  // namespace

void write_text(const std::string& text, const std::string& path) {
  if (path.empty() || path == "-") {
    std::cout << text;
    return;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out)
    throw CliError(kOutputFile,
                   "cannot write `" + path + "`; check that the folder exists and is writable");
  out << text;
}

}  // namespace hamilton_cpp

int main(int argc, char** argv) {
  using namespace hamilton_cpp;
  CLI::App app{
      "hamilton-cpp: look at, check and run Hamilton dataflows built as module libraries.\n"
      "Give module libraries (shared libraries built with hamilton_add_module(<name> SHARED ...))\n"
      "with --module; --module and --config may come before or after the command.\n"
      "Exit codes: 0 ok, 1 internal error, 2 usage, 3 module library, 4 graph, 5 unknown node or\n"
      "no path, 6 request cannot be computed, 7 a node failed, 8 cannot write output, 9 cannot\n"
      "read an input or config file (docs/cli.md).",
      "hamilton-cpp"};
  app.set_version_flag("--version", std::string("hamilton-cpp ") + hamilton::version());
  app.require_subcommand(1);
  app.fallthrough();
  Global global;
  app.add_option("-m,--module", global.modules, "Module library (.so) to load; repeatable")
      ->type_name("PATH");
  app.add_option("-c,--config", global.config,
                 "Config value name=value (numbers become double, else string); repeatable")
      ->type_name("K=V");
  app.add_option("--config-file", global.config_file, "Config values from a JSON object file")
      ->type_name("FILE.json");
  // in the order of --help, and of the checks below
  std::unique_ptr<Command> commands[] = {add_list(app),     add_view(app), add_lineage(app),
                                         add_validate(app), add_run(app),  add_catalog(app)};

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    if (code == 0) return kOk;  // --help
    std::cerr << "Run with --help to see the options.\n";
    return kUsage;
  }

  try {
    hamilton::Driver dr = build_driver(global);
    for (auto& command : commands)
      if (command->app->parsed()) return command->run(dr);
  } catch (const std::exception& e) {
    return report(e);
  }
  return kInternal;
}
