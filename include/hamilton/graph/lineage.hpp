#pragma once
/// \file
/// Lineage queries: upstream, downstream and path queries combined with tag filters
/// (Hamilton's `tag_filter` semantics, `hamilton::TagFilter`).
///
/// <!-- compile: in-main -->
/// ```cpp
/// #include <hamilton/driver.hpp>
/// auto dr = hamilton::Builder().with_modules("my_functions").build();
/// // every node downstream of a node tagged pii=true
/// auto v = hamilton::lineage::downstream_of_tagged(dr.graph(), {{"pii", "true"}});
/// // which requested outputs change if `spend` changes
/// auto o = hamilton::lineage::outputs_affected_by(dr.graph(), {"spend"}, {"a", "b"});
/// ```

#include <string>
#include <string_view>
#include <vector>

#include "hamilton/export.hpp"
#include "hamilton/graph/graph.hpp"

namespace hamilton::lineage {

/// The named nodes and everything upstream of them, keeping only nodes that match `keep`
/// (topological order). Throws UnknownNodeError for an unknown name.
HAMILTON_EXPORT std::vector<Variable> upstream_of(const Graph& graph,
                                                  const std::vector<std::string>& names,
                                                  const TagFilter& keep = {});
/// The named nodes and everything downstream of them, keeping only nodes that match `keep`.
HAMILTON_EXPORT std::vector<Variable> downstream_of(const Graph& graph,
                                                    const std::vector<std::string>& names,
                                                    const TagFilter& keep = {});
/// Nodes on a path from `upstream` to `downstream` that match `keep`; empty if there is no path.
HAMILTON_EXPORT std::vector<Variable> path_between(const Graph& graph, std::string_view upstream,
                                                   std::string_view downstream,
                                                   const TagFilter& keep = {});

/// Every node upstream of some node matching `roots` (the matching nodes included), kept if it
/// matches `keep`. Empty if no node matches `roots`.
HAMILTON_EXPORT std::vector<Variable> upstream_of_tagged(const Graph& graph, const TagFilter& roots,
                                                         const TagFilter& keep = {});
/// Every node downstream of some node matching `roots` (the matching nodes included), kept if
/// it matches `keep`: "everything derived from PII".
HAMILTON_EXPORT std::vector<Variable> downstream_of_tagged(const Graph& graph,
                                                           const TagFilter& roots,
                                                           const TagFilter& keep = {});

/// Of the requested `outputs`, those whose value depends on one of `changed` (an output in
/// `changed` counts), in the order of `outputs`. Throws UnknownNodeError for unknown names.
HAMILTON_EXPORT std::vector<std::string> outputs_affected_by(
    const Graph& graph, const std::vector<std::string>& changed,
    const std::vector<std::string>& outputs);

/// The external inputs (and config) the named nodes need, directly or not.
HAMILTON_EXPORT std::vector<Variable> sources_of(const Graph& graph,
                                                 const std::vector<std::string>& names);

/// Names of `variables`, in order.
HAMILTON_EXPORT std::vector<std::string> names_of(const std::vector<Variable>& variables);

}  // namespace hamilton::lineage
