#include "tools/tools_common.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>

namespace hamilton::tools::detail {

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string value_to_string(const Value& v) {
  if (!v.has_value()) return "<empty>";
  if (const auto* s = v.get_if<std::string>()) return *s;
  if (const auto* b = v.get_if<bool>()) return *b ? "true" : "false";
  if (const auto* d = v.get_if<double>()) return fmt::format("{}", *d);
  if (const auto* f = v.get_if<float>()) return fmt::format("{}", *f);
  if (const auto* i = v.get_if<int>()) return fmt::format("{}", *i);
  if (const auto* l = v.get_if<long>()) return fmt::format("{}", *l);
  if (const auto* ll = v.get_if<long long>()) return fmt::format("{}", *ll);
  if (const auto* u = v.get_if<unsigned>()) return fmt::format("{}", *u);
  if (const auto* ul = v.get_if<unsigned long>()) return fmt::format("{}", *ul);
  if (v.type().is_arithmetic()) return fmt::format("{}", v.type().to_double(v.data()));
  return "<" + v.type().name() + ">";
}

const char* role_name(NodeRole role) {
  switch (role) {
    case NodeRole::function:
      return "function";
    case NodeRole::input:
      return "input";
    case NodeRole::config:
      return "config";
  }
  return "function";
}

std::string type_name_of(const hamilton::detail::GraphNode& n) {
  if (n.role == NodeRole::config && n.value.has_value()) return n.value.type().name();
  if (n.any_type) return "hamilton::Value";
  return n.type->name();
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::optional<std::string> write_file(std::string_view text, const std::filesystem::path& path) {
  auto why = [&](int err) {
    return fmt::format("cannot write `{}`: {}{}", path.string(), std::strerror(err),
                       err == ENOENT || err == EACCES || err == EROFS
                           ? "; check that the folder exists and is writable"
                           : "");
  };
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return why(errno);
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {  // a full disk (ENOSPC), an I/O error ...
      int err = n < 0 ? errno : EIO;
      ::close(fd);
      return why(err);
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::close(fd) != 0) return why(errno);  // some file systems report write errors here
  return std::nullopt;
}

std::string valid_utf8(std::string_view s) {
  // nlohmann's serializer replaces invalid bytes (error_handler_t::replace); the JSON string it
  // writes, read back, is the text.
  std::string quoted =
      nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return nlohmann::json::parse(quoted).get<std::string>();
}

}  // namespace hamilton::tools::detail
