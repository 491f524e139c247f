#pragma once
/// \file
/// What `Driver::materialize` takes: loaders (`from_::csv(...)`, Python Hamilton's
/// `from_.csv(target=..., ...)`) and savers (`to::csv(...)`, Hamilton's `to.csv(id=...,
/// dependencies=[...], combine=..., ...)`), and what it returns. Formats come from the registry
/// of `hamilton/io/formats.hpp`.

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "hamilton/export.hpp"
#include "hamilton/io/formats.hpp"
#include "hamilton/result/outputs.hpp"
#include "hamilton/result/result_builder.hpp"

namespace hamilton {

/// Loads node `target` from a source (Hamilton's `Extract`, made by `from_::<format>`): the
/// graph gains `load_data.<target>` (the data and its metadata) and `<target>` (the data),
/// replacing an input or a function of that name.
struct HAMILTON_EXPORT Extract {
  std::string format;  ///< a registered loader ("csv")
  std::string target;  ///< the node (usually an input) the data becomes
  io::Args args;       ///< the loader's arguments (`{{"path", "in.csv"}}`)
};

/// Saves nodes to a sink (Hamilton's `Materialize`, made by `to::<format>`): the graph gains the
/// node `<id>` (the save's metadata) and, with `combine`, `<id>_build_result`.
struct HAMILTON_EXPORT Materialize {
  std::string format;                     ///< a registered saver ("csv")
  std::string id;                         ///< the saver node's name
  std::vector<std::string> dependencies;  ///< the nodes saved
  io::Args args;                          ///< the saver's arguments (`{{"path", "out.csv"}}`)
  /// Joins several dependencies into the saved value (required for more than one).
  std::shared_ptr<const ResultBuilder> combine = nullptr;
};

/// One argument of `Driver::materialize`.
using Materializer = std::variant<Extract, Materialize>;

/// What `Driver::materialize` returns (Hamilton's `(materialization_metadata,
/// additional_vars)`): `auto [metadata, vars] = dr.materialize(...)`.
struct HAMILTON_EXPORT MaterializeResult {
  /// Per saver id, what it wrote.
  std::map<std::string, io::Metadata> metadata;
  /// The `additional_vars` computed.
  Outputs additional_vars;
};

/// Loaders by format: `from_::csv("df", {{"path", "in.csv"}})`.
namespace from_ {
inline Extract format(std::string name, std::string target, io::Args args) {
  return Extract{std::move(name), std::move(target), std::move(args)};
}
inline Extract csv(std::string target, io::Args args) {
  return format("csv", std::move(target), std::move(args));
}
inline Extract json(std::string target, io::Args args) {
  return format("json", std::move(target), std::move(args));
}
inline Extract sqlite(std::string target, io::Args args) {
  return format("sqlite", std::move(target), std::move(args));
}
inline Extract postgres(std::string target, io::Args args) {
  return format("postgres", std::move(target), std::move(args));
}
}  // namespace from_

/// Savers by format: `to::csv("save_df", {"df"}, {{"path", "out.csv"}})`.
namespace to {
inline Materialize format(std::string name, std::string id, std::vector<std::string> dependencies,
                          io::Args args, std::shared_ptr<const ResultBuilder> combine = nullptr) {
  return Materialize{std::move(name), std::move(id), std::move(dependencies), std::move(args),
                     std::move(combine)};
}
inline Materialize csv(std::string id, std::vector<std::string> dependencies, io::Args args,
                       std::shared_ptr<const ResultBuilder> combine = nullptr) {
  return format("csv", std::move(id), std::move(dependencies), std::move(args), std::move(combine));
}
inline Materialize json(std::string id, std::vector<std::string> dependencies, io::Args args,
                        std::shared_ptr<const ResultBuilder> combine = nullptr) {
  return format("json", std::move(id), std::move(dependencies), std::move(args),
                std::move(combine));
}
inline Materialize sqlite(std::string id, std::vector<std::string> dependencies, io::Args args,
                          std::shared_ptr<const ResultBuilder> combine = nullptr) {
  return format("sqlite", std::move(id), std::move(dependencies), std::move(args),
                std::move(combine));
}
inline Materialize postgres(std::string id, std::vector<std::string> dependencies, io::Args args,
                            std::shared_ptr<const ResultBuilder> combine = nullptr) {
  return format("postgres", std::move(id), std::move(dependencies), std::move(args),
                std::move(combine));
}
}  // namespace to

}  // namespace hamilton
