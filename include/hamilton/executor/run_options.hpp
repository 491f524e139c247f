#pragma once
/// \file
/// How one run behaves when nodes throw or time runs out: `RunOptions` (a deadline, a
/// cancellation token, graceful failure) for `Driver::execute` and `Plan::execute`, and
/// `GracefulErrors`, Python Hamilton's GracefulErrorAdapter (docs/failures.md).

#include <atomic>
#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <optional>

#include "hamilton/export.hpp"

namespace hamilton {

/// A flag a service sets to stop runs it gave the token to: nodes not started by then are not
/// run. Copies share the flag; safe to cancel from any thread. A default-constructed token
/// cannot be cancelled (`CancellationToken::make()` makes one that can).
class HAMILTON_EXPORT CancellationToken {
 public:
  CancellationToken() = default;
  /// A new token, not cancelled.
  static CancellationToken make() {
    CancellationToken t;
    t.flag_ = std::make_shared<std::atomic<bool>>(false);
    return t;
  }
  /// Stops every run given this token (or a copy): nodes not started are not run. A token
  /// that cannot be cancelled ignores this.
  void cancel() const noexcept {
    if (flag_) flag_->store(true, std::memory_order_release);
  }
  bool cancelled() const noexcept { return flag_ && flag_->load(std::memory_order_acquire); }
  /// False for a default-constructed token.
  bool can_be_cancelled() const noexcept { return flag_ != nullptr; }

 private:
  std::shared_ptr<std::atomic<bool>> flag_;
};

/// Python Hamilton's GracefulErrorAdapter: a node that throws an error it catches has no value
/// (its output in the result is an empty Value), the nodes that need it are skipped, every other
/// node runs, and the result lists each failed and skipped node (`Result::failures()`) instead
/// of the run throwing. A node tagged with `accept_error_sentinels()` runs anyway, with an empty
/// value (`std::nullopt`, an empty `hamilton::Value`) for what failed.
struct HAMILTON_EXPORT GracefulErrors {
  /// Every exception (Hamilton's `error_to_catch=Exception`).
  GracefulErrors() = default;
  /// Only exceptions of type `E` (or derived from it); any other still stops the run and is
  /// thrown as an ExecutionError: `GracefulErrors::catching<DoNotProceed>()`.
  template <class E>
  static GracefulErrors catching() {
    GracefulErrors g;
    g.catches = [](const std::exception_ptr& e) {
      try {
        std::rethrow_exception(e);
      } catch (const E&) {
        return true;
      } catch (...) {
        return false;
      }
    };
    return g;
  }
  /// Which exceptions (the one the node threw) are caught; null: every one.
  std::function<bool(const std::exception_ptr&)> catches;
  /// Hamilton's `allow_injection`: nodes tagged `accept_error_sentinels()` receive empty values
  /// for what failed. False: they are skipped like any other node.
  bool allow_injection = true;
};

/// How one run behaves. The default is a run without a deadline that throws the first
/// node's error.
struct HAMILTON_EXPORT RunOptions {
  using Clock = std::chrono::steady_clock;
  /// Nodes not started by this time are not run (`NodeStatus::deadline`). A node that has
  /// started is not interrupted.
  std::optional<Clock::time_point> deadline;
  /// The same, relative to the start of the run (the earlier of the two applies).
  std::optional<Clock::duration> timeout;
  /// Nodes not started once it is cancelled are not run (`NodeStatus::cancelled`).
  CancellationToken cancellation;
  /// Graceful failure for this run; unset: the driver's (`Builder::with_graceful_errors`).
  /// With it, a run stopped by the deadline or the token returns what it computed; without,
  /// it throws RunStoppedError.
  std::optional<GracefulErrors> graceful;
};

/// Inside a node's function, in a run with a deadline or a cancellation token: true once the
/// deadline has passed or the token is cancelled, so that a long node can stop early (throw, or
/// return what it has). False in a run without them and outside any run. One clock read.
HAMILTON_EXPORT bool stop_requested() noexcept;

}  // namespace hamilton
