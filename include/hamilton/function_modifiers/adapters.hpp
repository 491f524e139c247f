#pragma once
/// \file
/// Python Hamilton's data adapters as NODE modifiers: `load_from::<format>(args, inject)` loads a
/// parameter from a source, `save_to::<format>(args, output_name)` saves the node to a sink,
/// `dataloader<T>()` and `datasaver()` mark nodes that load or save data themselves. Formats come
/// from the registry of `hamilton/io/formats.hpp` (docs/io.md).

#include <string>
#include <utility>

#include "hamilton/export.hpp"
#include "hamilton/io/formats.hpp"
#include "hamilton/registry/modifier.hpp"
#include "hamilton/value.hpp"

namespace hamilton::modifiers {

/// `load_from::csv({{"path", "in.csv"}}, "raw")`: parameter `raw` (or the only parameter, when
/// `inject` is empty) is loaded by the csv loader, through the nodes `<fn>.load_data.<param>`
/// (the data and its metadata) and `<fn>.select_data.<param>`, as Hamilton names them.
namespace load_from {
HAMILTON_EXPORT Modifier format(std::string name, io::Args args, std::string inject = {});
inline Modifier csv(io::Args args, std::string inject = {}) {
  return format("csv", std::move(args), std::move(inject));
}
inline Modifier json(io::Args args, std::string inject = {}) {
  return format("json", std::move(args), std::move(inject));
}
inline Modifier sqlite(io::Args args, std::string inject = {}) {
  return format("sqlite", std::move(args), std::move(inject));
}
inline Modifier postgres(io::Args args, std::string inject = {}) {
  return format("postgres", std::move(args), std::move(inject));
}
}  // namespace load_from

/// `save_to::csv({{"path", "out.csv"}}, "saved")`: adds the node `saved` (default
/// `save.<node>`; an io::Metadata) that saves the node (or `target`, one of the nodes the
/// function makes) with the csv saver.
namespace save_to {
HAMILTON_EXPORT Modifier format(std::string name, io::Args args, std::string output_name = {},
                                std::string target = {});
inline Modifier csv(io::Args args, std::string output_name = {}, std::string target = {}) {
  return format("csv", std::move(args), std::move(output_name), std::move(target));
}
inline Modifier json(io::Args args, std::string output_name = {}, std::string target = {}) {
  return format("json", std::move(args), std::move(output_name), std::move(target));
}
inline Modifier sqlite(io::Args args, std::string output_name = {}, std::string target = {}) {
  return format("sqlite", std::move(args), std::move(output_name), std::move(target));
}
inline Modifier postgres(io::Args args, std::string output_name = {}, std::string target = {}) {
  return format("postgres", std::move(args), std::move(output_name), std::move(target));
}
}  // namespace save_to

namespace detail {
/// Reads the data of a `std::pair<T, io::Metadata>`.
using FirstOf = Value (*)(const Value& pair);
HAMILTON_EXPORT Modifier dataloader_modifier(const TypeInfo& pair_type, const TypeInfo& data_type,
                                             FirstOf first);
}  // namespace detail

/// Hamilton's `@dataloader()`: the node returns `std::pair<T, io::Metadata>`; it becomes
/// `<fn>.loader` (the pair) and `<fn>` (the `T`), tagged as a loader.
template <class T>
Modifier dataloader() {
  using Pair = std::pair<T, io::Metadata>;
  return detail::dataloader_modifier(
      TypeInfo::of<Pair>(), TypeInfo::of<T>(),
      [](const Value& v) -> Value { return Value(v.get<Pair>().first); });
}

/// Hamilton's `@datasaver()`: the node returns an io::Metadata and is tagged as a saver.
HAMILTON_EXPORT Modifier datasaver();

}  // namespace hamilton::modifiers
