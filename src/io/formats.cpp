// The registry of loaders and savers by format (part of hamilton::core: the materializers and
// the load_from / save_to modifiers look formats up here; hamilton::io registers its formats).
#include "hamilton/io/formats.hpp"

#include <dlfcn.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <mutex>

#include "common/suggest.hpp"
#include "hamilton/caching/codec.hpp"
#include "io/load_library.hpp"

namespace hamilton::io {

namespace detail {
// The built-in formats live in hamilton::io, which registers them when it is loaded. A program
// that names formats only by string (io::load("csv"), from_::csv) may not have it loaded (a
// linker with --as-needed drops a library none of whose symbols is used): load it once from the
// folder of this library.
void load_io_library() {
  static const bool once = [] {
    Dl_info info{};
    if (::dladdr(reinterpret_cast<void*>(&load_io_library), &info) == 0 || !info.dli_fname)
      return false;
    std::string dir = info.dli_fname;
    auto slash = dir.rfind('/');
    dir = slash == std::string::npos ? std::string() : dir.substr(0, slash + 1);
    return ::dlopen((dir + HAMILTON_IO_SONAME).c_str(), RTLD_NOW | RTLD_GLOBAL) != nullptr;
  }();
  (void)once;
}
}  // namespace detail

namespace {

void load_builtin_formats() { detail::load_io_library(); }

// A load's data version is its data's, without the metadata (which holds the time of the load);
// data without one leaves the load without one (the fingerprint function throws).
const bool loaded_versioned = [] {
  caching::register_fingerprint<Loaded>([](const Loaded& l, caching::Sink& out) {
    auto data = caching::fingerprint(l.data);
    if (!data) throw Error("the loaded data has no data version");
    out.write_string(*data);
  });
  return true;
}();

struct Registry {
  std::mutex mutex;
  std::map<std::string, Loader, std::less<>> loaders;
  std::map<std::string, Saver, std::less<>> savers;
};

Registry& registry() {
  static Registry* r = new Registry();  // never destroyed: used by static destructors too
  return *r;
}

template <class Map>
std::vector<std::string> names_of(const Map& m) {
  std::vector<std::string> out;
  for (const auto& [name, _] : m) out.push_back(name);
  return out;
}

std::string unknown_format(std::string_view kind, std::string_view format,
                           const std::vector<std::string>& known) {
  std::string suggestion = hamilton::detail::suggest(format, known);
  return fmt::format(
      "no {} is registered for format `{}`{}; known formats: {}. The built-in formats (csv, json, "
      "sqlite, postgres) come with the hamilton::io library (installed beside hamilton::core); "
      "register your own with "
      "hamilton::io::register_{}",
      kind, format, suggestion.empty() ? "" : fmt::format(" (did you mean `{}`?)", suggestion),
      known.empty() ? std::string("(none)") : fmt::format("{}", fmt::join(known, ", ")),
      kind == "loader" ? "loader" : "saver");
}

const Value* find_arg(const Args& args, std::string_view name) {
  auto it = args.find(name);
  return it == args.end() ? nullptr : &it->second;
}

[[noreturn]] void bad_arg(std::string_view name, std::string_view wanted, const Value& v) {
  throw IoError(fmt::format("argument `{}` must be {}, not {}", name, wanted, v.type().name()));
}

}  // namespace

void register_loader(Loader loader) {
  if (loader.format.empty()) throw IoError("register_loader: the format name is empty");
  if (!loader.load)
    throw IoError(
        fmt::format("register_loader: the loader of `{}` has no function", loader.format));
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  std::string name = loader.format;
  r.loaders.insert_or_assign(std::move(name), std::move(loader));
}

void register_saver(Saver saver) {
  if (saver.format.empty()) throw IoError("register_saver: the format name is empty");
  if (!saver.save)
    throw IoError(fmt::format("register_saver: the saver of `{}` has no function", saver.format));
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  std::string name = saver.format;
  r.savers.insert_or_assign(std::move(name), std::move(saver));
}

std::vector<std::string> loader_formats() {
  load_builtin_formats();
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  return names_of(r.loaders);
}

std::vector<std::string> saver_formats() {
  load_builtin_formats();
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  return names_of(r.savers);
}

Loader find_loader(std::string_view format) {
  load_builtin_formats();
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  auto it = r.loaders.find(format);
  if (it == r.loaders.end()) throw IoError(unknown_format("loader", format, names_of(r.loaders)));
  return it->second;
}

Saver find_saver(std::string_view format) {
  load_builtin_formats();
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  auto it = r.savers.find(format);
  if (it == r.savers.end()) throw IoError(unknown_format("saver", format, names_of(r.savers)));
  return it->second;
}

std::vector<std::string> argument_problems(std::string_view what, const Args& args,
                                           const std::vector<std::string>& required,
                                           const std::vector<std::string>& optional) {
  std::vector<std::string> problems;
  for (const auto& name : required)
    if (!args.contains(name))
      problems.push_back(fmt::format("{}: the required argument `{}` is missing", what, name));
  std::vector<std::string> known = required;
  known.insert(known.end(), optional.begin(), optional.end());
  for (const auto& [name, _] : args) {
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    std::string suggestion = hamilton::detail::suggest(name, known);
    problems.push_back(fmt::format(
        "{}: unknown argument `{}`{}; it takes {}", what, name,
        suggestion.empty() ? "" : fmt::format(" (did you mean `{}`?)", suggestion),
        known.empty() ? std::string("no arguments") : fmt::format("{}", fmt::join(known, ", "))));
  }
  return problems;
}

namespace {
void throw_problems(const std::vector<std::string>& problems) {
  if (problems.empty()) return;
  throw IoError(fmt::format("{}", fmt::join(problems, "\n")));
}
using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}
}  // namespace

Loaded load(std::string_view format, const Args& args) {
  Loader loader = find_loader(format);
  throw_problems(argument_problems(fmt::format("loader `{}`", format), args, loader.required,
                                   loader.optional));
  auto start = Clock::now();
  Loaded out = loader.load(args);
  out.metadata.format = loader.format;
  out.metadata.seconds = seconds_since(start);
  out.metadata.timestamp = utc_timestamp();
  if (loader.type && !out.data.is(*loader.type))
    throw IoError(fmt::format("loader `{}` returned a {} but is registered as producing {}", format,
                              out.data.type().name(), loader.type->name()));
  return out;
}

Metadata save(std::string_view format, const Value& data, const Args& args) {
  Saver saver = find_saver(format);
  std::vector<std::string> problems =
      argument_problems(fmt::format("saver `{}`", format), args, saver.required, saver.optional);
  if (saver.type && !data.is(*saver.type))
    problems.push_back(fmt::format("saver `{}` writes a {}, not a {}", format, saver.type->name(),
                                   data.type().name()));
  throw_problems(problems);
  auto start = Clock::now();
  Metadata out = saver.save(data, args);
  out.format = saver.format;
  out.seconds = seconds_since(start);
  out.timestamp = utc_timestamp();
  return out;
}

bool has_arg(const Args& args, std::string_view name) { return find_arg(args, name) != nullptr; }

std::string string_arg(const Args& args, std::string_view name, std::string_view fallback) {
  const Value* v = find_arg(args, name);
  if (!v) return std::string(fallback);
  if (const auto* s = v->get_if<std::string>()) return *s;
  if (const auto* c = v->get_if<const char*>()) return *c;
  bad_arg(name, "a string", *v);
}

bool bool_arg(const Args& args, std::string_view name, bool fallback) {
  const Value* v = find_arg(args, name);
  if (!v) return fallback;
  if (const auto* b = v->get_if<bool>()) return *b;
  bad_arg(name, "a bool", *v);
}

std::int64_t int_arg(const Args& args, std::string_view name, std::int64_t fallback) {
  const Value* v = find_arg(args, name);
  if (!v) return fallback;
  if (const auto* i = v->get_if<int>()) return *i;
  if (const auto* l = v->get_if<long>()) return *l;
  if (const auto* ll = v->get_if<long long>()) return *ll;
  if (const auto* u = v->get_if<std::size_t>()) return static_cast<std::int64_t>(*u);
  bad_arg(name, "an integer", *v);
}

std::string utc_timestamp() {
  auto now = std::chrono::system_clock::now();
  auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(micros / 1000000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, micros % 1000000);
}

}  // namespace hamilton::io
