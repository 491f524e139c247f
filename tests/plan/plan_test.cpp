// Compiled plans: reuse with new inputs, positional inputs, release of intermediates.
#include <gtest/gtest.h>

#include <atomic>
#include <hamilton/hamilton.hpp>

#include "support/tracked.hpp"
#include <memory>
#include <vector>

using hamilton::Builder;
using hamilton::Module;

namespace {

// Counts live instances: how many intermediate values exist at a time.
using testing_support::Tracked;

}  // namespace

TEST(Plan, CompiledOnceRunManyTimesWithNewInputs) {
  Module m("plan_reuse");
  m.add("sum", {"a", "b"}, [](double a, double b) { return a + b; });
  m.add("prod", {"sum", "b"}, [](double s, double b) { return s * b; });
  auto dr = Builder().with_modules(m).build();
  auto plan = dr.compile({"prod"}, {"b", "a"});
  EXPECT_EQ(plan.inputs(), (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(plan.nodes(), (std::vector<std::string>{"sum", "prod"}));
  for (int i = 0; i < 100; ++i) {
    double a = i, b = 2;
    hamilton::Value in[] = {b, a};
    auto out = plan.execute(in);
    EXPECT_EQ(out.get<double>("prod"), (a + b) * b);
  }
  auto named = plan.execute(hamilton::Inputs{{"a", 1.0}, {"b", 3.0}});
  EXPECT_EQ(named.get<double>("prod"), 12.0);
  // wrong type and wrong count are refused
  hamilton::Value bad[] = {std::string("x"), 1.0};
  EXPECT_THROW(plan.execute(bad), hamilton::InputError);
  hamilton::Value one[] = {1.0};
  EXPECT_THROW(plan.execute(one), hamilton::Error);
  EXPECT_THROW(plan.execute(hamilton::Inputs{{"a", 1.0}}), hamilton::InputError);
  EXPECT_THROW(dr.compile({"prod"}, {"a"}), hamilton::InputError);
}

TEST(Plan, IntermediatesAreReleasedAfterTheirLastConsumer) {
  // a chain x -> n1 -> n2 -> ... -> n20: at most a few values alive at once
  Module m("chain");
  m.add("n0", {"x"}, [](double x) { return std::make_shared<const Tracked>(x); });
  for (int i = 1; i <= 20; ++i) {
    m.add("n" + std::to_string(i), {"n" + std::to_string(i - 1)},
          [](const std::shared_ptr<const Tracked>& prev) {
            EXPECT_LE(Tracked::live.load(), 2);
            return std::make_shared<const Tracked>(prev->v + 1);
          });
  }
  auto dr = Builder().with_modules(m).build();
  Tracked::peak = 0;
  auto r = dr.execute({"n20"}, {{"x", 0.0}});
  EXPECT_EQ(r.get<std::shared_ptr<const Tracked>>("n20")->v, 20.0);
  EXPECT_LE(Tracked::peak.load(), 2);
  EXPECT_EQ(Tracked::live.load(), 1);  // only the requested output is alive
  r = {};
  EXPECT_EQ(Tracked::live.load(), 0);

  // requested intermediates are kept
  Tracked::peak = 0;
  auto all = dr.execute({"n5", "n20"}, {{"x", 0.0}});
  EXPECT_EQ(Tracked::live.load(), 2);
}

// GCC says which sanitizer is on with __SANITIZE_*__, Clang with __has_feature
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define HAMILTON_TEST_SANITIZED_ALLOCATOR 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define HAMILTON_TEST_SANITIZED_ALLOCATOR 1
#endif
#endif
#ifndef HAMILTON_TEST_SANITIZED_ALLOCATOR
#define HAMILTON_TEST_SANITIZED_ALLOCATOR 0
#endif

TEST(Memory, RetainFreedMemoryIsAcceptedByGlibc) {
  // process-wide allocator setting: runs keep working with it
#if HAMILTON_TEST_SANITIZED_ALLOCATOR
  // a sanitizer's allocator replaces glibc's and takes no mallopt settings
  EXPECT_FALSE(hamilton::retain_freed_memory(std::size_t{64} << 20));
#else
  EXPECT_TRUE(hamilton::retain_freed_memory(std::size_t{64} << 20));
#endif
  Module m("after_retain");
  m.add("big", {"n"}, [](int n) { return std::vector<double>(static_cast<std::size_t>(n), 1.0); });
  auto dr = Builder().with_modules(m).build();
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(dr.execute({"big"}, {{"n", 1 << 20}}).get<std::vector<double>>("big").size(), 1u << 20);
}
