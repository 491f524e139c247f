// The column-buffer pool: reuse, the bound, release, the off switch, foreign buffers, settings.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <hamilton/hamilton.hpp>
#include <hamilton/memory.hpp>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "support/series_graph.hpp"

using hamilton::memory_pool;
using hamilton::MemoryPool;
using hamilton::Series;

namespace {

// Every test starts from an empty pool with the default settings and leaves it that way.
class MemoryPoolTest : public testing::Test {
 protected:
  void SetUp() override { reset(); }
  void TearDown() override { reset(); }
  static void reset() {
    memory_pool().set_enabled(true);
    memory_pool().set_max_cached_bytes(MemoryPool::default_max_cached_bytes);
    memory_pool().release();
    memory_pool().reset_counters();
  }
};

Series column(std::size_t n, double start = 0) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = start + static_cast<double>(i);
  return Series(std::move(v), "x");
}

}  // namespace

TEST_F(MemoryPoolTest, AFreedResultBufferIsHandedOutAgain) {
  const Series a = column(1000), b = column(1000, 1);
  const void *first;
  {
    Series c = a + b;
    first = c.data();
    auto st = memory_pool().stats();
    EXPECT_EQ(st.misses, 1u);
    EXPECT_EQ(st.hits, 0u);
    EXPECT_EQ(st.buffers_in_use, 1u);
    EXPECT_GE(st.bytes_in_use, 1000 * sizeof(double));
    EXPECT_EQ(st.buffers_cached, 0u);
  }
  auto st = memory_pool().stats();
  EXPECT_EQ(st.buffers_in_use, 0u);
  EXPECT_EQ(st.buffers_cached, 1u);
  EXPECT_GE(st.bytes_cached, 1000 * sizeof(double));

  Series d = a * b;
  EXPECT_EQ(d.data(), first);  // the same memory, not a fresh allocation
  st = memory_pool().stats();
  EXPECT_EQ(st.hits, 1u);
  EXPECT_EQ(st.misses, 1u);
  EXPECT_EQ(st.buffers_cached, 0u);
  for (std::size_t i = 0; i < 1000; ++i) ASSERT_EQ(d.at<double>(i), double(i) * double(i + 1));
}

TEST_F(MemoryPoolTest, SizesOfOneClassShareBuffersOthersDoNot) {
  { Series c = column(1000) + 1.0; }
  { Series c = column(1010) + 1.0; }  // within 25% of 1,000 rows: the same size class
  auto st = memory_pool().stats();
  EXPECT_EQ(st.misses, 1u);
  EXPECT_EQ(st.hits, 1u);
  { Series c = column(2000) + 1.0; }  // twice the size: another class
  st = memory_pool().stats();
  EXPECT_EQ(st.misses, 2u);
  EXPECT_EQ(st.buffers_cached, 2u);
}

TEST_F(MemoryPoolTest, TheSecondExecuteIsServedByThePool) {
  auto dr = hamilton::Builder().with_modules(series_graph::make_module(50)).build();
  const Series a = column(1000), b = column(1000, 0.5);
  const auto outputs = series_graph::names(50);
  const auto expected = series_graph::baseline(50, a, b);
  memory_pool().reset_counters();
  std::uint64_t first_allocations;
  {
    auto r = dr.execute(outputs, {{"a", a}, {"b", b}});
    auto st = memory_pool().stats();
    first_allocations = st.hits + st.misses;
    EXPECT_GE(st.misses, 50u);  // every node's result is alive at the end: one buffer each
  }
  memory_pool().reset_counters();
  auto r = dr.execute(outputs, {{"a", a}, {"b", b}});
  auto st = memory_pool().stats();
  EXPECT_EQ(st.misses, 0u);
  EXPECT_EQ(st.hits, first_allocations);
  for (std::size_t i = 0; i < outputs.size(); ++i)
    ASSERT_TRUE(r.get<Series>(outputs[i]).equals(expected[i])) << outputs[i];
}

TEST_F(MemoryPoolTest, KeepsAtMostTheBound) {
  const Series a = column(1000);
  { Series probe = a + 1.0; }
  const std::size_t one = memory_pool().stats().bytes_cached;  // one buffer's size class
  ASSERT_GT(one, 0u);
  memory_pool().release();
  memory_pool().reset_counters();
  memory_pool().set_max_cached_bytes(3 * one);
  {
    std::vector<Series> live;
    for (int i = 0; i < 10; ++i) live.push_back(a + double(i));
  }
  auto st = memory_pool().stats();
  EXPECT_EQ(st.max_cached_bytes, 3 * one);
  EXPECT_EQ(st.bytes_cached, 3 * one);
  EXPECT_EQ(st.buffers_cached, 3u);
  EXPECT_EQ(st.returned, 7u);  // the other 7 went back to the system
  EXPECT_EQ(st.buffers_in_use, 0u);

  memory_pool().set_max_cached_bytes(one);  // lowering the bound trims now
  st = memory_pool().stats();
  EXPECT_EQ(st.bytes_cached, one);
  EXPECT_EQ(st.returned, 9u);

  memory_pool().set_max_cached_bytes(0);  // a bound of 0 keeps nothing
  { Series c = a + 2.0; }
  EXPECT_EQ(memory_pool().stats().bytes_cached, 0u);
}

TEST_F(MemoryPoolTest, ReleaseEmptiesTheCacheAndLeavesLiveBuffersAlone) {
  const Series a = column(5000);
  Series keep = a * 2.0;
  { std::vector<Series> tmp{a + 1.0, a - 1.0, a.rolling(3).mean(), a.cumsum(), a > 3.0}; }
  auto st = memory_pool().stats();
  EXPECT_EQ(st.buffers_cached, 5u);
  EXPECT_EQ(st.buffers_in_use, 1u);
  memory_pool().release();
  st = memory_pool().stats();
  EXPECT_EQ(st.bytes_cached, 0u);
  EXPECT_EQ(st.buffers_cached, 0u);
  EXPECT_EQ(st.returned, 5u);
  EXPECT_EQ(st.buffers_in_use, 1u);
  EXPECT_EQ(keep.at<double>(4999), 9998.0);
}

TEST_F(MemoryPoolTest, OffSwitchBypassesThePool) {
  const Series a = column(1000);
  Series made_while_on = a + 1.0;
  { Series cached = a + 2.0; }
  ASSERT_EQ(memory_pool().stats().buffers_cached, 1u);

  memory_pool().set_enabled(false);
  EXPECT_FALSE(memory_pool().enabled());
  auto st = memory_pool().stats();
  EXPECT_EQ(st.buffers_cached, 0u);  // turning it off releases what it kept
  memory_pool().reset_counters();
  {
    Series c = a * 3.0;
    EXPECT_EQ(c.at<double>(10), 30.0);
    st = memory_pool().stats();
    EXPECT_EQ(st.hits + st.misses, 0u);  // not the pool's buffer
    EXPECT_EQ(st.buffers_in_use, 1u);    // only made_while_on
  }
  made_while_on = Series();  // a pooled buffer freed while off goes back to the system
  st = memory_pool().stats();
  EXPECT_EQ(st.buffers_in_use, 0u);
  EXPECT_EQ(st.buffers_cached, 0u);
  EXPECT_EQ(st.returned, 1u);

  memory_pool().set_enabled(true);
  { Series c = a * 3.0; }
  EXPECT_EQ(memory_pool().stats().buffers_cached, 1u);
}

TEST_F(MemoryPoolTest, ForeignAndVectorBuffersAreNeverPooled) {
  // a buffer lent from outside (as numpy and Arrow do) through the owner constructor
  int released = 0;
  auto values = std::make_unique<double[]>(4);
  for (int i = 0; i < 4; ++i) values[i] = i * 1.5;
  const double *raw = values.get();
  {
    std::shared_ptr<const void> owner(values.release(), [&released](const void *p) {
      ++released;
      delete[] static_cast<const double *>(p);
    });
    Series lent(hamilton::DType::float64, 4, owner, raw, nullptr, "lent",
                hamilton::Index::range(4));
    owner.reset();
    EXPECT_EQ(lent.data(), raw);  // zero-copy
    EXPECT_EQ(memory_pool().stats().buffers_in_use, 0u);
    Series copy = lent.rename("again");
    EXPECT_EQ(copy.data(), raw);
    Series doubled = lent * 2.0;  // a result of the frame layer: pooled
    EXPECT_EQ(doubled.at<double>(3), 9.0);
    EXPECT_EQ(memory_pool().stats().buffers_in_use, 1u);
    EXPECT_EQ(released, 0);
  }
  EXPECT_EQ(released, 1);  // the lender's deleter ran once, and the pool kept nothing of it
  auto st = memory_pool().stats();
  EXPECT_EQ(st.buffers_cached, 1u);  // only `doubled`
  EXPECT_EQ(st.buffers_in_use, 0u);

  // a std::vector moved into a Series keeps its memory
  std::vector<double> v(100, 2.0);
  const double *vp = v.data();
  Series s(std::move(v), "v");
  EXPECT_EQ(s.data(), vp);
  EXPECT_EQ(memory_pool().stats().buffers_in_use, 0u);
}

TEST_F(MemoryPoolTest, StringAndBoolColumnsComeFromThePoolToo) {
  const Series words = Series::strings({"a", "bb", "", "cccccccccccccccccccccccccccccccc"},
                                       {false, false, true, false}, "w");
  const Series nums = column(4);
  {
    Series joined = words + words;
    EXPECT_EQ(joined.at<std::string>(3), std::string(64, 'c'));
    EXPECT_TRUE(joined.is_missing(2));
    Series text = nums.astype(hamilton::DType::string);
    EXPECT_EQ(text.at<std::string>(1), "1.0");
    Series flags = nums > 1.0;
    EXPECT_EQ(flags.at<bool>(2), true);
    Series full = Series::full(3, std::string("z"));
    EXPECT_EQ(full.at<std::string>(2), "z");
    EXPECT_EQ(memory_pool().stats().buffers_in_use, 4u);
  }
  EXPECT_EQ(memory_pool().stats().buffers_cached, 4u);
  EXPECT_EQ(memory_pool().stats().buffers_in_use, 0u);
}

TEST_F(MemoryPoolTest, AForkedChildCanAllocateWhileAnotherThreadWasUsingThePool) {
  std::atomic<bool> stop{false};
  std::thread busy([&] {
    const Series a = column(1000);
    while (!stop.load()) {
      Series b = a + 1.0;  // takes and gives back the size class's lock all the time
    }
  });
  for (int i = 0; i < 100; ++i) {
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      alarm(5);  // a lock left taken would hang here: SIGALRM ends the child instead
      Series c = column(1000) + 2.0;
      _exit(c.at<double>(999) == 1001.0 ? 0 : 1);
    }
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status))
        << "fork " << i << ": the child did not finish (status " << status << ")";
    EXPECT_EQ(WEXITSTATUS(status), 0) << "fork " << i;
  }
  stop = true;
  busy.join();
}

TEST(MemoryPoolSettings, ReadsTheSwitch) {
  bool on = false;
  for (const char *yes : {"on", "ON", "1", "true", "Yes", ""}) {
    on = false;
    EXPECT_TRUE(hamilton::detail::parse_memory_pool_switch(yes, on)) << yes;
    EXPECT_TRUE(on) << yes;
  }
  for (const char *no : {"off", "Off", "0", "false", "NO"}) {
    on = true;
    EXPECT_TRUE(hamilton::detail::parse_memory_pool_switch(no, on)) << no;
    EXPECT_FALSE(on) << no;
  }
  for (const char *bad : {"maybe", "2", "offf", " on"}) {
    on = true;
    EXPECT_FALSE(hamilton::detail::parse_memory_pool_switch(bad, on)) << bad;
    EXPECT_TRUE(on) << bad;  // unchanged
  }
}

TEST(MemoryPoolSettings, ReadsByteCounts) {
  std::size_t b = 0;
  EXPECT_TRUE(hamilton::detail::parse_byte_count("1073741824", b));
  EXPECT_EQ(b, std::size_t{1} << 30);
  EXPECT_TRUE(hamilton::detail::parse_byte_count("64K", b));
  EXPECT_EQ(b, std::size_t{64} << 10);
  EXPECT_TRUE(hamilton::detail::parse_byte_count("512m", b));
  EXPECT_EQ(b, std::size_t{512} << 20);
  EXPECT_TRUE(hamilton::detail::parse_byte_count("2GiB", b));
  EXPECT_EQ(b, std::size_t{2} << 30);
  EXPECT_TRUE(hamilton::detail::parse_byte_count("0", b));
  EXPECT_EQ(b, 0u);
  for (const char *bad : {"", "-1", "1X", "G", "1GG", "99999999999999999999", "99999999999T"})
    EXPECT_FALSE(hamilton::detail::parse_byte_count(bad, b)) << bad;
}

// Run again by ctest with the variables set (tests/CMakeLists.txt): the pool takes its settings
// from the environment at first use; a value it cannot read leaves the default (and warns).
TEST(MemoryPoolEnvironment, FollowsTheVariables) {
  bool expect_on = true;
  if (const char *sw = std::getenv("HAMILTON_MEMORY_POOL"))
    if (!hamilton::detail::parse_memory_pool_switch(sw, expect_on)) expect_on = true;
  EXPECT_EQ(memory_pool().enabled(), expect_on);
  std::size_t expect_bound = MemoryPool::default_max_cached_bytes;
  if (const char *mb = std::getenv("HAMILTON_MEMORY_POOL_MAX_BYTES"))
    if (!hamilton::detail::parse_byte_count(mb, expect_bound))
      expect_bound = MemoryPool::default_max_cached_bytes;
  EXPECT_EQ(memory_pool().max_cached_bytes(), expect_bound);
  if (!expect_on) {
    memory_pool().reset_counters();
    Series c = column(100) + 1.0;
    EXPECT_EQ(memory_pool().stats().misses, 0u);
    EXPECT_EQ(c.at<double>(99), 100.0);
  }
}
