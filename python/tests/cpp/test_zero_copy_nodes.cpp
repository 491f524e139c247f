// Nodes for the zero-copy tests (python/tests/test_zero_copy.py): pass-throughs, views, new
// buffers, and C++ code that keeps or drops a Series away from the Python thread.
#include <condition_variable>
#include <cstdint>
#include <hamilton/frame.hpp>
#include <hamilton/node.hpp>
#include <mutex>
#include <thread>

using hamilton::DataFrame;
using hamilton::Series;

HAMILTON_MODULE(test_zero_copy_nodes);

namespace {
// A Series kept until the process exits (destroyed after the interpreter has finalized).
Series& kept() {
  static Series s;
  return s;
}
// A thread that holds a Series until `dropped` releases it, then drops the last C++ reference on
// a thread that never had the GIL.
struct Dropper {
  std::mutex mutex;
  std::condition_variable cv;
  bool release = false;
  std::thread thread;

  void start(Series s) {
    stop();
    std::lock_guard<std::mutex> lock(mutex);
    release = false;
    thread = std::thread([this, held = std::move(s)]() mutable {
      std::unique_lock<std::mutex> lock(mutex);
      cv.wait(lock, [this] { return release; });
      lock.unlock();
      held = Series();
    });
  }
  void stop() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      release = true;
    }
    cv.notify_all();
    if (thread.joinable()) thread.join();
  }
  ~Dropper() { stop(); }
};
Dropper& dropper() {
  static Dropper d;
  return d;
}
}  // namespace

NODE(Series, same_column, (const Series& column)) { return column; }
NODE(Series, renamed_column, (const Series& column)) { return column.rename("renamed"); }
NODE(Series, column_plus_one, (const Series& column)) { return column + 1; }
NODE(double, column_total, (const Series& column)) { return column.sum(); }
NODE(std::int64_t, column_rows, (const Series& column)) {
  return static_cast<std::int64_t>(column.size());
}
NODE(DataFrame, same_table, (const DataFrame& table)) { return table; }
NODE(Series, table_first, (const DataFrame& table)) { return table.columns().at(0); }
NODE(DataFrame, table_with_total, (const DataFrame& table)) {
  return DataFrame({{"first", table.columns().at(0)}, {"total", table.columns().at(0) * 2}});
}
NODE(double, table_total, (const DataFrame& table)) {
  double total = 0;
  for (const auto& c : table.columns()) total += c.sum();
  return total;
}
NODE(std::int64_t, keep_forever, (const Series& column)) {
  kept() = column;
  return static_cast<std::int64_t>(column.size());
}
NODE(double, total_then_drop_later, (const Series& column)) {
  dropper().start(column);
  return column.sum();
}
NODE(bool, dropped, (bool wait)) {
  if (wait) dropper().stop();
  return wait;
}
