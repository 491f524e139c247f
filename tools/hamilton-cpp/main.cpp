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
#include <fcntl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli.hpp"

namespace hamilton_cpp {
namespace {

struct Global {
  std::vector<std::string> modules;
  std::vector<std::string> config;
  std::string config_file;
  std::string cache;  ///< run --cache: the result cache's folder
};

hamilton::Driver build_driver(const Global& g) {
  if (g.modules.empty())
    throw CliError(kModuleLibrary,
                   "no module library given; pass one or more with --module path/to/module.so "
                   "(build it with hamilton_add_module(<name> SHARED SOURCES ...))");
  GivenValues given;  // the file's values, then --config's (which win)
  if (!g.config_file.empty()) given = read_json_values(g.config_file, "config");
  parse_assignments(g.config, "config", given);
  hamilton::Config config = convert_values(given, nullptr);
  hamilton::Builder b;
  for (const auto& m : g.modules) b.with_module_library(m);
  b.with_config(config);
  if (!g.cache.empty()) {
    hamilton::caching::CacheOptions cache;
    cache.path = g.cache;
    b.with_cache(cache);
  }
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
  auto fail = [&](int err) {
    throw CliError(kOutputFile, "cannot write `" + path + "`: " + std::strerror(err) +
                                    (err == ENOENT || err == EACCES || err == EROFS
                                         ? "; check that the folder exists and is writable"
                                         : ""));
  };
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) fail(errno);
  const char* p = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = n < 0 ? errno : EIO;
      ::close(fd);
      fail(err);
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) fail(errno);
}

namespace {

// What the command prints to stdout, kept until it ends and then written with every write
// checked: iostreams lose the system's reason (a full disk ...) for a failed write.
class StdoutBuffer {
 public:
  StdoutBuffer() : old_(std::cout.rdbuf(text_.rdbuf())) {}
  ~StdoutBuffer() { std::cout.rdbuf(old_); }
  StdoutBuffer(const StdoutBuffer&) = delete;
  StdoutBuffer& operator=(const StdoutBuffer&) = delete;

  // Writes what was printed; `code`, or kOutputFile if that fails and nothing else did.
  int finish(int code) {
    std::cout.rdbuf(old_);
    std::string text = text_.str();
    const char* p = text.data();
    std::size_t left = text.size();
    while (left > 0) {
      ssize_t n = ::write(STDOUT_FILENO, p, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        std::cerr << "error: cannot write to standard output: "
                  << std::strerror(n < 0 ? errno : EIO) << "\n";
        return code == kOk ? kOutputFile : code;
      }
      p += n;
      left -= static_cast<std::size_t>(n);
    }
    return code;
  }

 private:
  std::ostringstream text_;
  std::streambuf* old_;
};

}  // namespace

}  // namespace hamilton_cpp

int main(int argc, char** argv) {
  using namespace hamilton_cpp;
  StdoutBuffer out;
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
                 "Config value name=value (numbers become double, [...] lists vectors, else "
                 "string); repeatable, each name once")
      ->type_name("K=V");
  app.add_option("--config-file", global.config_file, "Config values from a JSON object file")
      ->type_name("FILE.json");
  // in the order of --help, and of the checks below
  std::unique_ptr<Command> commands[] = {add_list(app),
                                         add_view(app),
                                         add_lineage(app),
                                         add_validate(app),
                                         add_run(app, global.cache),
                                         add_catalog(app),
                                         add_diff(app, global.config),
                                         add_version(app, global.modules)};

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    if (code == 0) return out.finish(kOk);  // --help
    std::cerr << "Run with --help to see the options.\n";
    return kUsage;
  }

  int code = kInternal;
  try {
    for (auto& command : commands)
      if (command->app->parsed()) {
        if (!command->needs_driver()) {
          code = command->run_alone();
        } else {
          hamilton::Driver dr = build_driver(global);
          code = command->run(dr);
        }
        break;
      }
  } catch (const std::exception& e) {
    code = report(e);
  }
  return out.finish(code);
}
