// The in-memory metadata and result stores.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "hamilton/caching/stores.hpp"
#include "hamilton/errors.hpp"

namespace {
using hamilton::Value;
using hamilton::caching::MetadataEntry;

TEST(InMemoryMetadataStore, KeepsTheFirstDataVersionAndTheRuns) {
  auto store = hamilton::caching::in_memory_metadata_store();
  store->initialize("r1");
  store->set({"k", "dv1", "n", "c"}, "r1");
  store->set({"k", "dv2", "n", "c"}, "r1");
  store->set({"j", "dv3", "m", "c"}, "r1");
  EXPECT_EQ(store->get("k"), "dv1");
  EXPECT_EQ(store->get("missing"), std::nullopt);
  EXPECT_EQ(store->size(), 2u);
  EXPECT_EQ(store->run_ids(), std::vector<std::string>{"r1"});
  EXPECT_EQ(store->run("r1"),
            (std::vector<MetadataEntry>{
                {"k", "dv1", "n", "c"}, {"k", "dv1", "n", "c"}, {"j", "dv3", "m", "c"}}));
  try {
    store->run("r2");
    FAIL() << "no error";
  } catch (const hamilton::Error& e) {
    EXPECT_STREQ(e.what(),
                 "no run `r2` was initialized in this metadata store (its runs are listed by "
                 "run_ids())");
  }
  store->remove("k");
  EXPECT_FALSE(store->exists("k"));
  store->remove_all();
  EXPECT_EQ(store->size(), 0u);
  EXPECT_TRUE(store->run_ids().empty());
}

TEST(InMemoryResultStore, KeepsAnyValueSharedAndIsThreadSafe) {
  struct Model {  // held by a shared pointer (not small, not trivially copyable)
    std::vector<double> weights;
  };
  auto store = hamilton::caching::in_memory_result_store();
  Value v(Model{{7.0}});
  EXPECT_TRUE(store->set("m", v));
  EXPECT_EQ(store->get("m")->get<Model>().weights, std::vector<double>{7.0});
  EXPECT_EQ(&store->get("m")->get<Model>(), &v.get<Model>());  // shared, not copied
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        const std::string dv = std::to_string(t) + "-" + std::to_string(i);
        store->set(dv, Value(static_cast<double>(i)));
        EXPECT_EQ(store->get(dv)->get<double>(), i);
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_TRUE(store->exists("3-499"));
  store->remove("m");
  EXPECT_FALSE(store->exists("m"));
  store->remove_all();
  EXPECT_FALSE(store->exists("3-499"));
}

}  // namespace
