#include "hamilton/lifecycle/default_hooks.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

namespace hamilton {
namespace {

double ms(std::chrono::nanoseconds d) { return std::chrono::duration<double, std::milli>(d).count(); }

std::string describe(const std::exception_ptr& error) {
  if (!error) return "unknown error";
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "an exception that is not a std::exception";
  }
}

}  // namespace

// ---- ProgressBar ----

ProgressBar::ProgressBar(std::FILE* out, bool force)
    : out_(out), enabled_(out != nullptr && (force || isatty(fileno(out)) == 1)) {}

void ProgressBar::run_before_graph_execution(const GraphRun& run) {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  Progress& p = runs_[run.run_id()];
  p.total = run.node_count();
  draw(p, "");
}

void ProgressBar::run_after_node_execution(const NodeRun& node, const NodeOutcome&) {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  auto it = runs_.find(node.run_id());
  if (it == runs_.end()) return;
  Progress& p = it->second;
  ++p.done;
  auto now = std::chrono::steady_clock::now();
  if (p.done == p.total || now - p.last_draw > std::chrono::milliseconds(50)) {
    p.last_draw = now;
    draw(p, node.name());
  }
}

void ProgressBar::run_after_graph_execution(const GraphRun& run, bool success,
                                            const std::exception_ptr&) {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  auto it = runs_.find(run.run_id());
  if (it == runs_.end()) return;
  draw(it->second, success ? "done" : "failed");
  std::fputc('\n', out_);
  std::fflush(out_);
  runs_.erase(it);
}

void ProgressBar::draw(const Progress& p, const std::string& node) {
  constexpr int kWidth = 30;
  int filled = p.total ? static_cast<int>(kWidth * p.done / p.total) : kWidth;
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kWidth, '-');
  std::fprintf(out_, "\r[%s] %zu/%zu %-40.40s", bar.c_str(), p.done, p.total, node.c_str());
  std::fflush(out_);
}

// ---- TimingReport ----

void TimingReport::run_after_node_execution(const NodeRun& node, const NodeOutcome& outcome) {
  std::lock_guard lock(mutex_);
  auto it = by_node_.find(node.name());
  if (it == by_node_.end()) {
    NodeTiming t;
    t.node = node.name();
    t.module = node.module();
    it = by_node_.emplace(node.name(), std::move(t)).first;
  }
  NodeTiming& t = it->second;
  ++t.calls;
  if (!outcome.success) ++t.failures;
  t.total += outcome.duration;
  t.max = std::max(t.max, outcome.duration);
}

std::vector<NodeTiming> TimingReport::timings() const {
  std::lock_guard lock(mutex_);
  std::vector<NodeTiming> out;
  for (const auto& [name, t] : by_node_) out.push_back(t);
  std::stable_sort(out.begin(), out.end(),
                   [](const NodeTiming& a, const NodeTiming& b) { return a.total > b.total; });
  return out;
}

std::string TimingReport::to_string() const {
  auto rows = timings();
  std::size_t width = 4;
  for (const auto& r : rows) width = std::max(width, r.node.size());
  std::string out = fmt::format("{:<{}}  {:<16}  {:>6}  {:>10}  {:>10}  {:>10}\n", "node", width,
                                "module", "calls", "total ms", "mean ms", "max ms");
  for (const auto& r : rows) {
    out += fmt::format("{:<{}}  {:<16}  {:>6}  {:>10.3f}  {:>10.3f}  {:>10.3f}{}\n", r.node, width,
                       r.module, r.calls, ms(r.total), r.calls ? ms(r.total) / r.calls : 0.0,
                       ms(r.max), r.failures ? fmt::format("  ({} failed)", r.failures) : "");
  }
  return out;
}

void TimingReport::reset() {
  std::lock_guard lock(mutex_);
  by_node_.clear();
}

// ---- PerfettoTrace ----

PerfettoTrace::PerfettoTrace(std::string path)
    : path_(std::move(path)), origin_(std::chrono::steady_clock::now()) {}

int PerfettoTrace::thread_number() {
  auto id = std::this_thread::get_id();
  auto it = threads_.find(id);
  if (it != threads_.end()) return it->second;
  int n = static_cast<int>(threads_.size()) + 1;
  threads_.emplace(id, n);
  return n;
}

void PerfettoTrace::run_before_graph_execution(const GraphRun& run) {
  std::lock_guard lock(mutex_);
  run_starts_[run.run_id()] = std::chrono::steady_clock::now();
}

void PerfettoTrace::run_after_node_execution(const NodeRun& node, const NodeOutcome& outcome) {
  using std::chrono::duration_cast;
  using std::chrono::microseconds;
  std::lock_guard lock(mutex_);
  events_.push_back(Event{node.name(), node.module(), node.type_name(), node.run_id(),
                          duration_cast<microseconds>(outcome.start - origin_).count(),
                          std::max<std::int64_t>(1, duration_cast<microseconds>(outcome.duration).count()),
                          thread_number(), outcome.success});
}

void PerfettoTrace::run_after_graph_execution(const GraphRun& run, bool success,
                                              const std::exception_ptr&) {
  using std::chrono::duration_cast;
  using std::chrono::microseconds;
  {
    std::lock_guard lock(mutex_);
    auto start = run_starts_[run.run_id()];
    run_starts_.erase(run.run_id());
    auto now = std::chrono::steady_clock::now();
    events_.push_back(Event{fmt::format("execute (run {})", run.run_id()), "hamilton", "",
                            run.run_id(), duration_cast<microseconds>(start - origin_).count(),
                            std::max<std::int64_t>(1, duration_cast<microseconds>(now - start).count()),
                            0, success});
  }
  if (!path_.empty()) write(path_);
}

std::string PerfettoTrace::json() const {
  nlohmann::json events = nlohmann::json::array();
  std::lock_guard lock(mutex_);
  for (const auto& e : events_) {
    nlohmann::json args = {{"run_id", e.run_id}, {"success", e.success}};
    if (!e.type.empty()) args["type"] = e.type;
    events.push_back({{"name", e.name},
                      {"cat", e.category},
                      {"ph", "X"},
                      {"ts", e.start_us},
                      {"dur", e.duration_us},
                      {"pid", 1},
                      {"tid", e.thread},
                      {"args", args}});
  }
  nlohmann::json names = {{"name", "process_name"}, {"ph", "M"}, {"pid", 1},
                          {"args", {{"name", "hamilton-cpp"}}}};
  events.push_back(names);
  return nlohmann::json{{"traceEvents", events}, {"displayTimeUnit", "ms"}}.dump();
}

void PerfettoTrace::write(const std::string& path) const {
  std::ofstream out(path, std::ios::trunc);
  if (!out) throw Error(fmt::format("PerfettoTrace: cannot write the trace to `{}`", path));
  out << json();
  if (!out) throw Error(fmt::format("PerfettoTrace: writing `{}` failed", path));
}

// ---- LoggingHook ----

LoggingHook::LoggingHook(Sink sink, bool log_nodes) : sink_(std::move(sink)), log_nodes_(log_nodes) {
  if (!sink_) sink_ = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
}

void LoggingHook::log(const std::string& line) {
  std::lock_guard lock(mutex_);
  sink_(line);
}

void LoggingHook::run_before_graph_execution(const GraphRun& run) {
  {
    std::lock_guard lock(mutex_);
    run_starts_[run.run_id()] = std::chrono::steady_clock::now();
  }
  log(fmt::format("[hamilton] run {}: executing {} node(s) for {}", run.run_id(), run.node_count(),
                  fmt::join(run.outputs(), ", ")));
}

void LoggingHook::run_after_graph_execution(const GraphRun& run, bool success,
                                            const std::exception_ptr& error) {
  std::chrono::steady_clock::time_point start;
  {
    std::lock_guard lock(mutex_);
    start = run_starts_[run.run_id()];
    run_starts_.erase(run.run_id());
  }
  auto took = ms(std::chrono::steady_clock::now() - start);
  if (success)
    log(fmt::format("[hamilton] run {}: finished in {:.3f} ms", run.run_id(), took));
  else
    log(fmt::format("[hamilton] run {}: failed after {:.3f} ms: {}", run.run_id(), took, describe(error)));
}

void LoggingHook::run_before_node_execution(const NodeRun& node) {
  if (log_nodes_) log(fmt::format("[hamilton] run {}: node `{}` started", node.run_id(), node.name()));
}

void LoggingHook::run_after_node_execution(const NodeRun& node, const NodeOutcome& outcome) {
  if (!log_nodes_ && outcome.success) return;
  if (outcome.success)
    log(fmt::format("[hamilton] run {}: node `{}` finished in {:.3f} ms", node.run_id(), node.name(),
                    ms(outcome.duration)));
  else
    log(fmt::format("[hamilton] run {}: node `{}` failed after {:.3f} ms: {}", node.run_id(),
                    node.name(), ms(outcome.duration), describe(outcome.error)));
}

}  // namespace hamilton
