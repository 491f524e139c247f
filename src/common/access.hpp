#pragma once
// How the libraries construct the public handles (Graph, Driver, Plan, GraphRun, NodeRun) from
// their internal state: those constructors are private, and this is their one friend.
#include <utility>

namespace hamilton::detail {

struct Access {
  template <class T, class... A>
  static T make(A&&... args) {
    return T(std::forward<A>(args)...);
  }
  /// The state a handle shares (a Cache's).
  template <class H>
  static const auto& state_of(const H& handle) {
    return handle.state_;
  }
  /// The plan and step a NodeRun views (for the library's own node execution methods).
  template <class R>
  static const auto& plan_of(const R& run) {
    return *run.plan_;
  }
  template <class R>
  static const auto& step_of(const R& run) {
    return *run.step_;
  }
};

}  // namespace hamilton::detail
