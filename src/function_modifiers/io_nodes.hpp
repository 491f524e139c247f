#pragma once
// The nodes loaders and savers add to a graph, shared by Driver::materialize and the
// load_from / save_to / dataloader / datasaver modifiers. Names and tags are Python Hamilton's.
#include <memory>
#include <string>
#include <vector>

#include "hamilton/io/formats.hpp"
#include "hamilton/registry/node_spec.hpp"
#include "hamilton/result/result_builder.hpp"

namespace hamilton::detail {

/// `loader_name` (an io::Loaded: the data and its metadata) and `data_name` (the data, of type
/// `type`; null: any), loading node or parameter `target` with the `format` loader. `origin`
/// names the materializer in messages and in the tag `hamilton.data_loader.classname`
/// ("from_::csv").
std::vector<NodeSpec> loader_nodes(const std::string& format, const io::Args& args,
                                   const std::string& target, const TypeInfo* type,
                                   const std::string& loader_name, const std::string& data_name,
                                   const std::string& origin);

/// `name` (an io::Metadata) saving node `dependency` with the `format` saver.
NodeSpec saver_node(const std::string& format, const io::Args& args, const std::string& name,
                    const std::string& dependency, const std::string& origin);

/// `name`: the dependencies joined by `builder` (Hamilton's `<id>_build_result`).
NodeSpec join_node(const std::string& name, const std::vector<std::string>& dependencies,
                   std::shared_ptr<const ResultBuilder> builder);

}  // namespace hamilton::detail
