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
};

}  // namespace hamilton::detail
