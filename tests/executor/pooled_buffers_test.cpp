// The column-buffer pool under threads: the parallel executor allocating from several threads,
// buffers freed on another thread than the one that made them, release and stats meanwhile.
// Named ParallelExecutor.* so that scripts/test.sh runs them under ThreadSanitizer.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <hamilton/hamilton.hpp>
#include <hamilton/memory.hpp>
#include <mutex>
#include <thread>
#include <vector>

#include "support/series_graph.hpp"

using hamilton::memory_pool;
using hamilton::Series;

namespace {
Series column(std::size_t n, double start) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = start + 0.001 * static_cast<double>(i);
  return Series(std::move(v));
}
}  // namespace

TEST(ParallelExecutor, PooledBuffersGiveTheSequentialResults) {
  memory_pool().set_enabled(true);
  auto par = hamilton::Builder()
                 .with_modules(series_graph::make_module(300))
                 .with_executor(std::make_shared<hamilton::ParallelExecutor>(4))
                 .build();
  const Series a = column(2000, 0.5), b = column(2000, -0.25);
  const auto outputs = series_graph::names(300);
  const auto expected = series_graph::baseline(300, a, b);
  std::atomic<bool> done{false};
  std::thread meddler([&] {  // releases and reads the pool while the executes run
    while (!done.load()) {
      memory_pool().release();
      auto st = memory_pool().stats();
      EXPECT_LE(st.bytes_cached, st.max_cached_bytes);
      std::this_thread::yield();
    }
  });
  const auto before = memory_pool().stats();
  for (int run = 0; run < 6; ++run) {
    auto r = par.execute(outputs, {{"a", a}, {"b", b}});
    for (std::size_t i = 0; i < outputs.size(); ++i)
      ASSERT_TRUE(r.get<Series>(outputs[i]).equals(expected[i]))
          << "run " << run << " " << outputs[i];
    auto last = par.execute({outputs.back()}, {{"a", a}, {"b", b}});
    ASSERT_TRUE(last.get<Series>(outputs.back()).equals(expected.back()));
  }
  done = true;
  meddler.join();
  const auto after = memory_pool().stats();
  EXPECT_GT(after.hits + after.misses, before.hits + before.misses);
  EXPECT_EQ(after.buffers_in_use, before.buffers_in_use);  // every buffer came back
}

TEST(ParallelExecutor, PooledBuffersFreedOnOtherThreads) {
  memory_pool().set_enabled(true);
  const std::size_t bound_before = memory_pool().max_cached_bytes();
  memory_pool().set_max_cached_bytes(std::size_t{4} << 20);  // small: the bound is hit often
  const auto before = memory_pool().stats();
  std::mutex m;
  std::condition_variable cv;
  std::deque<std::pair<int, Series>> queue;
  constexpr int kProducers = 3, kPerProducer = 400;
  std::atomic<int> produced{0}, checked{0};
  std::vector<std::thread> threads;
  for (int p = 0; p < kProducers; ++p) {
    threads.emplace_back([&, p] {
      const Series base = column(100, p);
      for (int i = 0; i < kPerProducer; ++i) {
        // sizes of several classes: 100 to 6,400 rows
        const std::size_t rows = std::size_t{100} << (i % 7);
        Series s = column(rows, p) * 2.0 + double(i);
        {
          std::lock_guard lock(m);
          queue.emplace_back(i, std::move(s));
        }
        ++produced;
        cv.notify_one();
      }
      (void)base;
    });
  }
  for (int c = 0; c < 2; ++c) {
    threads.emplace_back([&] {
      for (;;) {
        std::unique_lock lock(m);
        cv.wait(lock,
                [&] { return !queue.empty() || checked.load() == kProducers * kPerProducer; });
        if (queue.empty()) return;
        auto [i, s] = std::move(queue.front());
        queue.pop_front();
        lock.unlock();
        const double first = s.at<double>(0), lastv = s.at<double>(s.size() - 1);
        const double start = first - double(i);  // 2 * p
        EXPECT_DOUBLE_EQ(lastv, 2.0 * (start / 2.0 + 0.001 * double(s.size() - 1)) + double(i));
        s = Series();  // freed here, on another thread than the one that made it
        if (++checked == kProducers * kPerProducer) cv.notify_all();
      }
    });
  }
  threads.emplace_back([&] {
    while (checked.load() < kProducers * kPerProducer) {
      memory_pool().release();
      EXPECT_LE(memory_pool().stats().bytes_cached, std::size_t{4} << 20);
      std::this_thread::yield();
    }
  });
  for (auto &t : threads) t.join();
  EXPECT_EQ(produced.load(), kProducers * kPerProducer);
  EXPECT_EQ(checked.load(), kProducers * kPerProducer);
  const auto after = memory_pool().stats();
  EXPECT_EQ(after.buffers_in_use, before.buffers_in_use);
  EXPECT_LE(after.bytes_cached, std::size_t{4} << 20);
  memory_pool().set_max_cached_bytes(bound_before);
}
