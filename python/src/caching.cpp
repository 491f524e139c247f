// The result cache from Python (hamilton_cpp.driver.Builder.with_cache, Driver.cache): the
// options a Python dict gives, and what the cache of a built driver tells.
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include <hamilton/caching/cache.hpp>
#include <hamilton/driver.hpp>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "bindings.hpp"

namespace hamilton_py {

namespace caching = hamilton::caching;

namespace {

caching::Behavior behavior_of(const std::string& text, const char* what) {
  auto b = caching::behavior_from_string(text);
  if (!b)
    throw nb::value_error(("with_cache: " + std::string(what) + " is \"" + text +
                           "\", which is no caching behaviour; use \"default\", \"recompute\", "
                           "\"disable\" or \"ignore\"")
                              .c_str());
  return *b;
}

caching::Nodes nodes_of(nb::handle v, const char* what) {
  if (v.is_none()) return {};
  if (nb::isinstance<nb::bool_>(v)) {
    if (nb::cast<bool>(v)) return caching::Nodes::all();
    throw nb::value_error(
        ("with_cache: " + std::string(what) + " is False; give True or node names").c_str());
  }
  if (nb::isinstance<nb::str>(v))
    throw nb::type_error(("with_cache: " + std::string(what) +
                          " is a str; give a list of node names (or True for all nodes)")
                             .c_str());
  std::vector<std::string> names;
  for (nb::handle item : nb::iter(v)) {
    if (!nb::isinstance<nb::str>(item))
      throw nb::type_error(
          ("with_cache: " + std::string(what) + " must list node names (str)").c_str());
    names.push_back(nb::cast<std::string>(item));
  }
  return caching::Nodes(std::move(names));
}

const caching::Cache cache_of(nb::handle driver) { return driver_of(driver).cache(); }

using EventTuple = std::tuple<std::string, std::string, std::string, std::string,
                              std::optional<std::size_t>, std::string, std::string, double>;

}  // namespace

caching::CacheOptions cache_options(nb::handle spec) {
  caching::CacheOptions o;
  nb::dict d = nb::cast<nb::dict>(spec);
  o.path = nb::cast<std::string>(d["path"]);
  if (nb::cast<bool>(d["memory_metadata"])) o.metadata_store = caching::in_memory_metadata_store();
  if (nb::cast<bool>(d["memory_results"])) o.result_store = caching::in_memory_result_store();
  o.default_ = nodes_of(d["default"], "default");
  o.recompute = nodes_of(d["recompute"], "recompute");
  o.disable = nodes_of(d["disable"], "disable");
  o.ignore = nodes_of(d["ignore"], "ignore");
  if (!d["default_behavior"].is_none())
    o.default_behavior =
        behavior_of(nb::cast<std::string>(d["default_behavior"]), "default_behavior");
  if (!d["default_loader_behavior"].is_none())
    o.default_loader_behavior =
        behavior_of(nb::cast<std::string>(d["default_loader_behavior"]), "default_loader_behavior");
  if (!d["default_saver_behavior"].is_none())
    o.default_saver_behavior =
        behavior_of(nb::cast<std::string>(d["default_saver_behavior"]), "default_saver_behavior");
  o.log_level = caching::LogLevel::debug;  // Hamilton records every event
  return o;
}

void bind_caching(nb::module_& m) {
  m.def("cache_path", [](nb::handle d) { return cache_of(d).path(); });
  m.def("cache_run_ids", [](nb::handle d) { return cache_of(d).run_ids(); });
  m.def(
      "cache_events",
      [](nb::handle d, const std::string& run_id) {
        std::vector<EventTuple> out;
        for (const auto& e : cache_of(d).events(run_id, caching::LogLevel::debug))
          out.emplace_back(e.run_id, std::string(caching::to_string(e.actor)),
                           std::string(caching::to_string(e.type)), e.node_name, e.item, e.msg,
                           e.value, e.timestamp);
        return out;
      },
      nb::arg("driver"), nb::arg("run_id"));
  m.def("cache_data_version", [](nb::handle d, const std::string& run, const std::string& node) {
    return cache_of(d).data_version(run, node);
  });
  m.def("cache_key", [](nb::handle d, const std::string& run, const std::string& node) {
    return cache_of(d).cache_key(run, node);
  });
  // the metadata store
  m.def("cache_metadata_size", [](nb::handle d) { return cache_of(d).metadata_store().size(); });
  m.def("cache_metadata_get",
        [](nb::handle d, const std::string& key) { return cache_of(d).metadata_store().get(key); });
  m.def("cache_metadata_delete",
        [](nb::handle d, const std::string& key) { cache_of(d).metadata_store().remove(key); });
  m.def("cache_metadata_delete_all",
        [](nb::handle d) { cache_of(d).metadata_store().remove_all(); });
  m.def("cache_metadata_run_ids",
        [](nb::handle d) { return cache_of(d).metadata_store().run_ids(); });
  m.def("cache_metadata_run", [](nb::handle d, const std::string& run_id) {
    std::vector<std::tuple<std::string, std::string, std::string, std::string>> out;
    for (const auto& e : cache_of(d).metadata_store().run(run_id))
      out.emplace_back(e.cache_key, e.data_version, e.node_name, e.code_version);
    return out;
  });
  // the result store
  m.def("cache_result_exists",
        [](nb::handle d, const std::string& dv) { return cache_of(d).result_store().exists(dv); });
  m.def("cache_result_get", [](nb::handle d, const std::string& dv) -> nb::object {
    auto v = cache_of(d).result_store().get(dv);
    if (!v) return nb::none();
    return to_python(*v);
  });
  m.def("cache_result_delete",
        [](nb::handle d, const std::string& dv) { cache_of(d).result_store().remove(dv); });
  m.def("cache_result_delete_all", [](nb::handle d) { cache_of(d).result_store().remove_all(); });
}

}  // namespace hamilton_py
