// `catalog`: every node as markdown, html or json.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli.hpp"

namespace hamilton_cpp {
namespace {

struct Catalog final : Command {
  std::string format, out, title = "Feature catalog";

  // --format, else the format of -o's suffix, else markdown.
  std::string format_to_write() const {
    if (format == "md") return "markdown";
    if (!format.empty()) return format;
    if (out.empty()) return "markdown";
    auto dot = out.rfind('.');
    std::string suffix = dot == std::string::npos ? "" : out.substr(dot + 1);
    if (suffix == "html" || suffix == "htm") return "html";
    if (suffix == "json") return "json";
    if (suffix == "md" || suffix == "markdown") return "markdown";
    throw CliError(kUsage, "cannot tell the catalog format from `" + out +
                               "`; give --format markdown|html|json or a .md/.html/.json file");
  }

  int run(hamilton::Driver& dr) override {
    const hamilton::Graph& graph = dr.graph();
    std::string f = format_to_write();
    std::string text = f == "html"   ? hamilton::tools::catalog_html(graph, title)
                       : f == "json" ? hamilton::tools::catalog_json(graph)
                                     : hamilton::tools::catalog_markdown(graph, title);
    write_text(text, out);
    if (!out.empty()) std::cerr << "wrote " << out << "\n";
    return kOk;
  }
};

}  // namespace

std::unique_ptr<Command> add_catalog(CLI::App& app) {
  auto c = std::make_unique<Catalog>();
  c->app = app.add_subcommand("catalog", "Write the catalog of every node: markdown, html or json");
  c->app
      ->add_option("-f,--format", c->format,
                   "markdown, html or json (default: from -o's suffix, else markdown)")
      ->check(CLI::IsMember({"markdown", "md", "html", "json"}));
  c->app->add_option("-o,--output", c->out, "Output file (default: stdout)")->type_name("FILE");
  c->app->add_option("--title", c->title, "Title of the markdown/html document")
      ->capture_default_str();
  return c;
}

}  // namespace hamilton_cpp
