#pragma once
// The process-wide module registry (a function-local singleton: no static-init order issues).

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hamilton/registry/module.hpp"

namespace hamilton::detail {

struct ModuleData {
  std::string name;
  std::string file;
  mutable std::mutex mutex;
  std::vector<NodeSpec> nodes;
};

class Registry {
 public:
  Module get_or_create(std::string_view name, const char* file);
  std::optional<Module> find(std::string_view name) const;
  std::vector<std::string> names() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<ModuleData>, std::less<>> modules_;
};

Registry& registry();

}  // namespace hamilton::detail
