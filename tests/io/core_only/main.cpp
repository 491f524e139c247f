// A program linked to hamilton::core only that names formats by string: the registry loads
// hamilton::io (from beside hamilton::core) on the first lookup, and csv works.
#include <cstdio>
#include <filesystem>
#include <hamilton/frame.hpp>
#include <hamilton/io/formats.hpp>
#include <string>

int main() {
  namespace io = hamilton::io;
  const std::string path =
      (std::filesystem::temp_directory_path() / "hamilton_io_core_only.csv").string();
  hamilton::DataFrame df({{"a", hamilton::Series({1, 2, 3})}});
  io::Metadata saved = io::save("csv", df, {{"path", path}, {"index", false}});
  io::Loaded loaded = io::load("csv", {{"path", path}});
  std::filesystem::remove(path);
  const auto& back = loaded.data.get<hamilton::DataFrame>();
  if (saved.rows != 3 || !back.column("a").equals(df.column("a"))) {
    std::fprintf(stderr, "csv through the registry did not round-trip\n");
    return 1;
  }
  std::printf("ok: %zu rows, %ju bytes\n", saved.rows, saved.size_bytes);
  return 0;
}
