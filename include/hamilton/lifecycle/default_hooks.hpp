#pragma once
/// \file
/// Hooks that ship with hamilton-cpp: a terminal progress bar, a per-node timing report, a
/// Chrome/Perfetto trace writer and a logging hook. Install them with `Builder::with_hooks`.

#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "hamilton/export.hpp"
#include "hamilton/lifecycle/hooks.hpp"

namespace hamilton {

/// Draws `[#####-----] 12/40 node` on a terminal while a graph runs. Silent when the stream
/// is not a terminal (unless `force`).
class HAMILTON_EXPORT ProgressBar final : public LifecycleHook {
 public:
  explicit ProgressBar(std::FILE* out = stderr, bool force = false);
  void run_before_graph_execution(const GraphRun& run) override;
  void run_after_graph_execution(const GraphRun& run, bool success,
                                 const std::exception_ptr& error) override;
  void run_after_node_execution(const NodeRun& node, const NodeOutcome& outcome) override;

 private:
  struct Progress {
    std::size_t done = 0;
    std::size_t total = 0;
    std::chrono::steady_clock::time_point last_draw;
  };
  void draw(const Progress& p, const std::string& node);
  std::FILE* out_;
  bool enabled_;
  std::mutex mutex_;
  std::map<std::uint64_t, Progress> runs_;
};

/// How long one node took, over every run the report saw.
struct HAMILTON_EXPORT NodeTiming {
  std::string node;
  std::string module;
  std::size_t calls = 0;
  std::size_t failures = 0;
  std::chrono::nanoseconds total{0};
  std::chrono::nanoseconds max{0};
};

/// Collects per-node durations; `to_string()` prints them slowest first.
class HAMILTON_EXPORT TimingReport final : public LifecycleHook {
 public:
  void run_after_node_execution(const NodeRun& node, const NodeOutcome& outcome) override;
  /// Per-node timings, by total time, slowest first.
  std::vector<NodeTiming> timings() const;
  /// A table: node, module, calls, total ms, mean ms, max ms.
  std::string to_string() const;
  void reset();

 private:
  mutable std::mutex mutex_;
  std::map<std::string, NodeTiming, std::less<>> by_node_;
};

/// Records every node run as a Chrome/Perfetto trace event; the JSON opens in
/// ui.perfetto.dev or chrome://tracing. With a path, the file is rewritten after each run.
class HAMILTON_EXPORT PerfettoTrace final : public LifecycleHook {
 public:
  explicit PerfettoTrace(std::string path = {});
  void run_before_graph_execution(const GraphRun& run) override;
  void run_after_graph_execution(const GraphRun& run, bool success,
                                 const std::exception_ptr& error) override;
  void run_after_node_execution(const NodeRun& node, const NodeOutcome& outcome) override;
  /// The trace so far, as Chrome trace-event JSON (`{"traceEvents": [...]}`).
  std::string json() const;
  /// Writes the trace to `path`; throws hamilton::Error if the file cannot be written.
  void write(const std::string& path) const;

 private:
  struct Event {
    std::string name;
    std::string category;
    std::string type;
    std::uint64_t run_id;
    std::int64_t start_us;
    std::int64_t duration_us;
    int thread;
    bool success;
  };
  int thread_number();
  std::string path_;
  std::chrono::steady_clock::time_point origin_;
  mutable std::mutex mutex_;
  std::vector<Event> events_;
  std::map<std::uint64_t, std::chrono::steady_clock::time_point> run_starts_;
  std::map<std::thread::id, int> threads_;
};

/// Logs runs and nodes (start, end, duration, errors) to a sink (default: stderr).
class HAMILTON_EXPORT LoggingHook final : public LifecycleHook {
 public:
  using Sink = std::function<void(const std::string&)>;
  explicit LoggingHook(Sink sink = nullptr, bool log_nodes = true);
  void run_before_graph_execution(const GraphRun& run) override;
  void run_after_graph_execution(const GraphRun& run, bool success,
                                 const std::exception_ptr& error) override;
  void run_before_node_execution(const NodeRun& node) override;
  void run_after_node_execution(const NodeRun& node, const NodeOutcome& outcome) override;

 private:
  void log(const std::string& line);
  Sink sink_;
  bool log_nodes_;
  std::mutex mutex_;
  std::map<std::uint64_t, std::chrono::steady_clock::time_point> run_starts_;
};

}  // namespace hamilton
