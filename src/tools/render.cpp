// DOT text rendered by Graphviz's C library (gvc, cgraph), and drawings written to files in the
// format of their suffix.
#include <fmt/format.h>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <mutex>

#include "hamilton/tools/visualize.hpp"
#include "tools/tools_common.hpp"

namespace hamilton::tools {
namespace {

void write_text_file(const std::string& text, const std::filesystem::path& path) {
  if (auto why = detail::write_file(text, path)) throw DrawingError(*why);
}

// Graphviz's error messages, captured per call.
std::mutex& graphviz_mutex() {
  static std::mutex m;
  return m;
}
std::string& graphviz_errors() {
  static std::string s;
  return s;
}
int capture_graphviz_error(char* message) {
  graphviz_errors() += message;
  return 0;
}

}  // namespace

std::vector<std::string> drawing_suffixes() { return {".dot", ".gv", ".svg", ".png", ".pdf"}; }

std::string render_drawing(const std::string& dot, std::string_view format) {
  std::lock_guard lock(graphviz_mutex());  // Graphviz keeps global state
  graphviz_errors().clear();
  agseterrf(&capture_graphviz_error);
  agseterr(AGERR);
  // One Graphviz context for the process: Graphviz 2.42's text-layout plugin keeps pointers
  // into the first context's font cache, so freeing contexts leads to use-after-free inside
  // Graphviz on the next render.
  static GVC_t* const context = gvContext();
  struct Cleanup {
    GVC_t* gvc = nullptr;
    Agraph_t* g = nullptr;
    bool laid_out = false;
    ~Cleanup() {
      if (gvc && g && laid_out) gvFreeLayout(gvc, g);
      if (g) agclose(g);
      agseterrf(nullptr);
    }
  } c;
  c.gvc = context;
  if (!c.gvc) throw DrawingError("Graphviz: cannot create a context (is graphviz installed?)");
  c.g = agmemread(dot.c_str());
  if (!c.g)
    throw DrawingError(fmt::format("Graphviz cannot read the DOT text: {}", graphviz_errors()));
  if (gvLayout(c.gvc, c.g, "dot") != 0)
    throw DrawingError(fmt::format("Graphviz layout failed: {}", graphviz_errors()));
  c.laid_out = true;
  char* data = nullptr;
  unsigned int length = 0;
  std::string fmt_name(format);
  if (gvRenderData(c.gvc, c.g, fmt_name.c_str(), &data, &length) != 0 || !data) {
    if (data) gvFreeRenderData(data);
    throw DrawingError(fmt::format(
        "Graphviz cannot render format `{}`: {}", fmt_name,
        graphviz_errors().empty() ? std::string("no renderer for it") : graphviz_errors()));
  }
  std::string out(data, length);
  gvFreeRenderData(data);
  return out;
}

void write_drawing(const std::string& dot, const std::filesystem::path& path) {
  std::string suffix = detail::lower(path.extension().string());
  auto known = drawing_suffixes();
  if (std::find(known.begin(), known.end(), suffix) == known.end())
    throw DrawingError(
        fmt::format("cannot draw to `{}`: {} ; give a file name ending in .svg, .png, .pdf or .dot",
                    path.string(),
                    suffix.empty() ? std::string("the file name has no suffix")
                                   : fmt::format("unknown suffix `{}`", suffix)));
  if (suffix == ".dot" || suffix == ".gv") return write_text_file(dot, path);
  // fail on an unwritable path before spending time on the layout
  {
    std::error_code ec;
    auto parent = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    if (!std::filesystem::is_directory(parent, ec))
      throw DrawingError(
          fmt::format("cannot write `{}`: folder `{}` does not exist; create it "
                      "first",
                      path.string(), parent.string()));
  }
  std::string bytes = render_drawing(dot, suffix.substr(1));
  write_text_file(bytes, path);
}

}  // namespace hamilton::tools
