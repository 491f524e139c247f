// Loading modules from shared libraries (dlopen): their NODE registrations run on load.
#include "registry/module_library.hpp"

#include <dlfcn.h>
#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <mutex>

#include "registry/registry.hpp"

namespace hamilton::detail {
namespace {

struct LoadedLibrary {
  void* handle = nullptr;
  std::vector<std::string> modules;  // modules that gained nodes when it was loaded
};

std::mutex& library_mutex() {
  static std::mutex m;
  return m;
}
std::map<std::string, LoadedLibrary>& loaded_libraries() {
  static std::map<std::string, LoadedLibrary> libs;
  return libs;
}

}  // namespace

std::vector<Module> load_module_library(const std::string& path, std::vector<Problem>& problems) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    problems.push_back(Problem{ErrorCode::module_library_missing, {}, {}, {},
                               fmt::format("module library `{}` does not exist; build it with "
                                           "hamilton_add_module(<name> SHARED ...) and pass its path",
                                           path),
                               {}});
    return {};
  }
  std::string key = std::filesystem::canonical(path, ec).string();
  if (ec) key = path;
  std::lock_guard lock(library_mutex());
  auto& libs = loaded_libraries();
  auto it = libs.find(key);
  if (it == libs.end()) {
    std::map<std::string, std::size_t> before;
    for (const auto& name : registry().names()) before[name] = registry().find(name)->size();
    void* handle = dlopen(key.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char* err = dlerror();
      problems.push_back(Problem{ErrorCode::module_library_load, {}, {}, {},
                                 fmt::format("cannot load module library `{}`: {}", path,
                                             err ? err : "unknown error"),
                                 {}});
      return {};
    }
    LoadedLibrary lib;
    lib.handle = handle;
    for (const auto& name : registry().names()) {
      auto b = before.find(name);
      std::size_t had = b == before.end() ? 0 : b->second;
      if (registry().find(name)->size() > had) lib.modules.push_back(name);
    }
    it = libs.emplace(key, std::move(lib)).first;
  }
  if (it->second.modules.empty()) {
    problems.push_back(Problem{ErrorCode::module_library_empty, {}, {}, {},
                               fmt::format("module library `{}` defines no modules: it has no "
                                           "HAMILTON_MODULE with NODEs",
                                           path),
                               {}});
    return {};
  }
  std::vector<Module> out;
  for (const auto& name : it->second.modules) out.push_back(*registry().find(name));
  return out;
}

}  // namespace hamilton::detail
