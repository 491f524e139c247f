#pragma once
/// \file
/// What did not run: `NodeFailure`, one per node of a run that has no value because it threw,
/// because something it needs did not run, or because the run was stopped (a deadline passed,
/// a cancellation). `Result::failures()` and `Outputs::failures()` list them
/// (docs/failures.md).

#include <cstddef>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

#include "hamilton/errors.hpp"
#include "hamilton/export.hpp"

namespace hamilton {

/// Why a node of a run has no value.
enum class NodeStatus {
  /// `failed`: the node threw (`NodeFailure::error` holds the ExecutionError)
  failed,
  /// `skipped`: a node it needs failed or was skipped (`NodeFailure::cause` names the node
  /// that failed); it never ran
  skipped,
  /// `deadline`: the run's deadline had passed before the node could start
  deadline,
  /// `cancelled`: the run's cancellation token was cancelled before the node could start
  cancelled,
};

/// The spelling of `status`: "failed", "skipped", "deadline", "cancelled".
HAMILTON_EXPORT std::string_view to_string(NodeStatus status) noexcept;

/// A node of a run that has no value, and why.
struct HAMILTON_EXPORT NodeFailure {
  std::string node;
  std::string module;
  SourceLocation location;
  NodeStatus status = NodeStatus::failed;
  /// The node that failed first on the way to this one (`skipped`); empty otherwise.
  std::string cause;
  /// What happened, for people: the node's error (`failed`), "needs `a`, which failed: ..."
  /// (`skipped`), "not started: the deadline passed 3.2 ms into the run" (`deadline`).
  std::string message;
  /// The ExecutionError of a failed node (its original exception nested); null otherwise.
  std::exception_ptr error;
  /// Inside a Parallelizable block: the item the node ran for.
  std::optional<std::size_t> item;

  /// One line: `file:line: node `x` (module m) failed: message`.
  std::string to_string() const;
};

}  // namespace hamilton
