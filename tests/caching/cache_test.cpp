// Builder::with_cache: what a second run reads and what it computes, behaviours, the log, bad
// options, corrupted entries, blocks, the parallel executor and two processes on one folder.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <hamilton/hamilton.hpp>
#include <hamilton/io/cache_stores.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "support/layered_graph.hpp"

namespace caching = hamilton::caching;
using caching::Behavior;
using caching::CacheOptions;
using caching::EventType;
using hamilton::Builder;
using hamilton::Module;
using hamilton::modifiers::version;

namespace {

// Counts calls per node; thread-safe.
struct Calls {
  std::mutex mutex;
  std::map<std::string, int> n;
  void operator()(const std::string& name) {
    std::lock_guard lock(mutex);
    ++n[name];
  }
  int operator[](const std::string& name) {
    std::lock_guard lock(mutex);
    return n[name];
  }
  void clear() {
    std::lock_guard lock(mutex);
    n.clear();
  }
};

// x -> a -> b -> c, and y -> d(c, y); every node has a code version.
Module chain(Calls& calls, const std::string& c_version = "1",
             std::vector<hamilton::Modifier> a_modifiers = {}) {
  Module m("chain");
  a_modifiers.push_back(version("1"));
  m.add(
      "a", {"x"},
      [&calls](double x) {
        calls("a");
        return x + 1;
      },
      a_modifiers);
  m.add("b", {"a"},
        [&calls](double a) {
          calls("b");
          return a * 2;
        },
        {version("1")});
  m.add("c", {"b"},
        [&calls](double b) {
          calls("c");
          return b - 3;
        },
        {version(c_version)});
  m.add("d", {"c", "y"},
        [&calls](double c, double y) {
          calls("d");
          return c * y;
        },
        {version("1")});
  return m;
}

CacheOptions in_memory() {
  CacheOptions o;
  o.metadata_store = caching::in_memory_metadata_store();
  o.result_store = caching::in_memory_result_store();
  return o;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    char tmpl[] = "/tmp/hamilton-cache-test-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

}  // namespace

TEST(Cache, SecondRunReadsEveryNodeAndComputesNone) {
  Calls calls;
  auto dr = Builder().with_modules(chain(calls)).with_cache(in_memory()).build();
  auto first = dr.execute({"d"}, {{"x", 1.0}, {"y", 10.0}});
  EXPECT_EQ(first.get<double>("d"), 10.0);
  const std::string run1 = dr.cache().last_run_id();
  EXPECT_EQ(sorted(dr.cache().executed(run1)), (std::vector<std::string>{"a", "b", "c", "d"}));
  EXPECT_TRUE(dr.cache().retrieved(run1).empty());

  calls.clear();
  auto second = dr.execute({"d"}, {{"x", 1.0}, {"y", 10.0}});
  EXPECT_EQ(second.get<double>("d"), 10.0);
  EXPECT_EQ(calls["a"] + calls["b"] + calls["c"] + calls["d"], 0);
  const std::string run2 = dr.cache().last_run_id();
  EXPECT_NE(run1, run2);
  // only the output is read: what only it needed is neither computed nor read
  EXPECT_EQ(dr.cache().retrieved(run2), (std::vector<std::string>{"d"}));
  EXPECT_TRUE(dr.cache().executed(run2).empty());
  EXPECT_EQ(dr.cache().run_ids(), (std::vector<std::string>{run1, run2}));
  EXPECT_EQ(dr.cache().metadata_store().run_ids(), (std::vector<std::string>{run1, run2}));
  // the keys and versions of both runs are the same
  for (const char* node : {"a", "b", "c", "d"}) {
    EXPECT_EQ(dr.cache().cache_key(run1, node), dr.cache().cache_key(run2, node)) << node;
    EXPECT_EQ(dr.cache().data_version(run1, node), dr.cache().data_version(run2, node)) << node;
    EXPECT_TRUE(dr.cache().data_version(run1, node).has_value()) << node;
  }
  EXPECT_EQ(dr.cache().data_version(run2, "d"), caching::fingerprint(hamilton::Value(10.0)));
}

TEST(Cache, AChangedInputRecomputesOnlyWhatReadsIt) {
  Calls calls;
  auto dr = Builder().with_modules(chain(calls)).with_cache(in_memory()).build();
  dr.execute({"d"}, {{"x", 1.0}, {"y", 10.0}});
  calls.clear();
  auto r = dr.execute({"d"}, {{"x", 1.0}, {"y", 20.0}});
  EXPECT_EQ(r.get<double>("d"), 20.0);
  EXPECT_EQ(calls["d"], 1);
  EXPECT_EQ(calls["a"] + calls["b"] + calls["c"], 0);
  const auto run = dr.cache().last_run_id();
  EXPECT_EQ(dr.cache().executed(run), (std::vector<std::string>{"d"}));
  EXPECT_EQ(dr.cache().retrieved(run), (std::vector<std::string>{"c"}));  // what d reads

  calls.clear();
  r = dr.execute({"d"}, {{"x", 2.0}, {"y", 20.0}});
  EXPECT_EQ(r.get<double>("d"), 60.0);
  EXPECT_EQ(calls["a"] + calls["b"] + calls["c"] + calls["d"], 4);
}

TEST(Cache, ANodeThatComputesTheSameValueLetsWhatReadsItBeRead) {
  // a changes, b = (x > 0) does not: c and d are read, not computed
  Calls calls;
  Module m("m");
  m.add("a", {"x"},
        [&calls](double x) {
          calls("a");
          return x;
        },
        {version("1")});
  m.add("b", {"a"},
        [&calls](double a) {
          calls("b");
          return a > 0 ? 1.0 : 0.0;
        },
        {version("1")});
  m.add("c", {"b"},
        [&calls](double b) {
          calls("c");
          return b * 7;
        },
        {version("1")});
  auto dr = Builder().with_modules(m).with_cache(in_memory()).build();
  dr.execute({"c"}, {{"x", 1.0}});
  calls.clear();
  EXPECT_EQ(dr.execute({"c"}, {{"x", 5.0}}).get<double>("c"), 7.0);
  EXPECT_EQ(calls["a"], 1);
  EXPECT_EQ(calls["b"], 1);
  EXPECT_EQ(calls["c"], 0);  // found by the key made from b's new (equal) data version
  EXPECT_EQ(dr.cache().retrieved(dr.cache().last_run_id()), (std::vector<std::string>{"c"}));
}

TEST(Cache, AChangedCodeVersionRecomputesTheNodeAndWhatReadsIt) {
  Calls calls;
  auto metadata = caching::in_memory_metadata_store();
  auto results = caching::in_memory_result_store();
  CacheOptions o;
  o.metadata_store = metadata;
  o.result_store = results;
  auto dr1 = Builder().with_modules(chain(calls, "1")).with_cache(o).build();
  dr1.execute({"d"}, {{"x", 1.0}, {"y", 10.0}});
  // the same stores, c's code changed (c is now b - 3 still, but its version says otherwise)
  calls.clear();
  auto dr2 = Builder().with_modules(chain(calls, "2")).with_cache(o).build();
  EXPECT_EQ(dr2.execute({"d"}, {{"x", 1.0}, {"y", 10.0}}).get<double>("d"), 10.0);
  EXPECT_EQ(calls["a"] + calls["b"], 0);
  EXPECT_EQ(calls["c"], 1);
  // c's value did not change, so d's key did not either: d is read
  EXPECT_EQ(calls["d"], 0);
  const auto run = dr2.cache().last_run_id();
  EXPECT_EQ(dr2.cache().executed(run), (std::vector<std::string>{"c"}));
  EXPECT_EQ(sorted(dr2.cache().retrieved(run)), (std::vector<std::string>{"b", "d"}));
}

TEST(Cache, OverridesAreVersionedByTheirValue) {
  Calls calls;
  auto dr = Builder().with_modules(chain(calls)).with_cache(in_memory()).build();
  dr.execute({"d"}, {{"y", 1.0}}, {{"c", 5.0}});
  calls.clear();
  EXPECT_EQ(dr.execute({"d"}, {{"y", 1.0}}, {{"c", 5.0}}).get<double>("d"), 5.0);
  EXPECT_EQ(calls["d"], 0);
  EXPECT_EQ(dr.execute({"d"}, {{"y", 1.0}}, {{"c", 6.0}}).get<double>("d"), 6.0);
  EXPECT_EQ(calls["d"], 1);
  EXPECT_EQ(calls["a"] + calls["b"] + calls["c"], 0);
}

TEST(Cache, RecomputeAlwaysComputesAndStores) {
  Calls calls;
  CacheOptions o = in_memory();
  o.recompute = {"b"};
  auto dr = Builder().with_modules(chain(calls)).with_cache(o).build();
  dr.execute({"d"}, {{"x", 1.0}, {"y", 10.0}});
  calls.clear();
  EXPECT_EQ(dr.execute({"d"}, {{"x", 1.0}, {"y", 10.0}}).get<double>("d"), 10.0);
  EXPECT_EQ(calls["b"], 1);  // always
  EXPECT_EQ(calls["a"], 0);  // read, as b needs it
  EXPECT_EQ(calls["c"], 0);  // b's value is unchanged: c and d are read
  EXPECT_EQ(calls["d"], 0);
}

TEST(Cache, DisableComputesWhatReadsTheNodeEveryTime) {
  Calls calls;
  CacheOptions o = in_memory();
  o.disable = {"b"};
  auto dr = Builder().with_modules(chain(calls)).with_cache(o).build();
  dr.execute({"d"}, {{"x", 1.0}, {"y", 10.0}});
  calls.clear();
  dr.execute({"d"}, {{"x", 1.0}, {"y", 10.0}});
  EXPECT_EQ(calls["a"], 0);
  EXPECT_EQ(calls["b"], 1);
  EXPECT_EQ(calls["c"], 1);  // reads a disabled node: never cached
  EXPECT_EQ(calls["d"], 0);  // c's value is the same as last run
  auto logs = dr.cache().logs(dr.cache().last_run_id(), caching::LogLevel::info);
  ASSERT_EQ(logs["c"].size(), 1u);
  EXPECT_NE(logs["c"][0].msg.find("`b`, whose caching behaviour is disable"), std::string::npos);
}

TEST(Cache, IgnoreLeavesTheNodeOutOfTheKeysOfWhatReadsIt) {
  // a "client" that changes with its url, and a node whose result does not depend on it
  Calls calls;
  Module m("m");
  m.add("client", {"url"},
        [&calls](std::string url) {
          calls("client");
          return url;
        },
        {version("1"), hamilton::modifiers::cache(Behavior::ignore)});
  m.add("rows", {"client", "n"},
        [&calls](std::string, double n) {
          calls("rows");
          return n * 2;
        },
        {version("1")});
  auto dr = Builder().with_modules(m).with_cache(in_memory()).build();
  dr.execute({"rows"}, {{"url", std::string("db-1")}, {"n", 2.0}});
  calls.clear();
  EXPECT_EQ(dr.execute({"rows"}, {{"url", std::string("db-2")}, {"n", 2.0}}).get<double>("rows"),
            4.0);
  EXPECT_EQ(calls["rows"], 0);
  EXPECT_EQ(calls["client"], 0);  // not needed: what reads it was read
  EXPECT_EQ(dr.cache().cache_key(dr.cache().last_run_id(), "client"), std::nullopt);
}

TEST(Cache, TheBuildersListsWinOverTheModifier) {
  Calls calls;
  CacheOptions o = in_memory();
  o.default_ = {"a"};
  auto dr = Builder()
                .with_modules(chain(calls, "1", {hamilton::modifiers::cache("recompute")}))
                .with_cache(o)
                .build();
  EXPECT_EQ(dr.graph().variable("a").tags.at("cache.behavior"),
            (std::vector<std::string>{"recompute"}));
  dr.execute({"a"}, {{"x", 1.0}});
  calls.clear();
  dr.execute({"a"}, {{"x", 1.0}});
  EXPECT_EQ(calls["a"], 0);  // default, from the Builder

  calls.clear();
  auto tagged = Builder()
                    .with_modules(chain(calls, "1", {hamilton::modifiers::cache("Recompute")}))
                    .with_cache(in_memory())
                    .build();
  tagged.execute({"a"}, {{"x", 1.0}});
  tagged.execute({"a"}, {{"x", 1.0}});
  EXPECT_EQ(calls["a"], 2);  // recompute, from the modifier (any case, as Hamilton)
}

TEST(Cache, AllNodesOneBehaviour) {
  Calls calls;
  CacheOptions o = in_memory();
  o.recompute = caching::Nodes::all();
  auto dr = Builder().with_modules(chain(calls)).with_cache(o).build();
  dr.execute({"d"}, {{"x", 1.0}, {"y", 2.0}});
  dr.execute({"d"}, {{"x", 1.0}, {"y", 2.0}});
  EXPECT_EQ(calls["a"] + calls["b"] + calls["c"] + calls["d"], 8);

  CacheOptions two = in_memory();
  two.recompute = caching::Nodes::all();
  two.disable = caching::Nodes::all();
  try {
    Builder().with_modules(chain(calls)).with_cache(two).build();
    FAIL() << "expected an error";
  } catch (const hamilton::Error& e) {
    EXPECT_NE(std::string(e.what()).find("both `recompute` and `disable` are Nodes::all()"),
              std::string::npos)
        << e.what();
  }
}

TEST(Cache, BadOptionsAreOneBuildErrorListingEachProblem) {
  Calls calls;
  CacheOptions o = in_memory();
  o.recompute = {"bb", "a"};
  o.ignore = {"a"};
  Module m = chain(calls);
  m.add("e", {"d"}, [](double d) { return d; },
        {version("1"), hamilton::modifiers::tag("cache.behavior", "sometimes")});
  try {
    Builder().with_modules(m).with_cache(o).build();
    FAIL() << "expected a GraphError";
  } catch (const hamilton::GraphError& e) {
    ASSERT_EQ(e.problems().size(), 3u) << e.what();
    for (const auto& p : e.problems()) EXPECT_EQ(p.code, hamilton::ErrorCode::cache_option);
    EXPECT_EQ(e.problems()[0].node, "bb");
    EXPECT_EQ(e.problems()[0].suggestion, "b");
    EXPECT_NE(e.problems()[0].message.find("`bb` (given the behaviour recompute) is not a node"),
              std::string::npos);
    EXPECT_NE(e.problems()[1].message.find("node `a` is given two behaviours, recompute and "
                                           "ignore"),
              std::string::npos);
    EXPECT_EQ(e.problems()[2].node, "e");
    EXPECT_NE(e.problems()[2].message.find("\"sometimes\", which is no caching behaviour"),
              std::string::npos);
    EXPECT_GT(e.problems()[2].location.line, 0);
  }
  // the modifier refuses a bad name itself
  Module bad("bad");
  bad.add("f", {}, [] { return 1.0; }, {hamilton::modifiers::cache("often")});
  try {
    Builder().with_modules(bad).build();
    FAIL() << "expected a GraphError";
  } catch (const hamilton::GraphError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].code, hamilton::ErrorCode::bad_modifier);
    EXPECT_NE(e.problems()[0].message.find("`often` is not a caching behaviour"),
              std::string::npos);
  }
}

TEST(Cache, ANodeWithoutACodeVersionIsComputedEveryTimeAndSaysWhy) {
  Calls calls;
  Module m("m");
  m.add("a", {"x"}, [&calls](double x) {
    calls("a");
    return x + 1;
  });  // no version
  m.add("b", {"a"},
        [&calls](double a) {
          calls("b");
          return a * 2;
        },
        {version("1")});
  auto dr = Builder().with_modules(m).with_cache(in_memory()).build();
  EXPECT_EQ(dr.graph().variable("a").version, "");
  dr.execute({"b"}, {{"x", 1.0}});
  calls.clear();
  EXPECT_EQ(dr.execute({"b"}, {{"x", 1.0}}).get<double>("b"), 4.0);
  EXPECT_EQ(calls["a"], 1);
  EXPECT_EQ(calls["b"], 0);  // a's data version is the same: b is read
  auto logs = dr.cache().logs(dr.cache().last_run_id());
  ASSERT_EQ(logs["a"].size(), 1u);
  EXPECT_EQ(logs["a"][0].type, EventType::execute_node);
  EXPECT_NE(logs["a"][0].msg.find("no code version"), std::string::npos);
  EXPECT_EQ(logs["a"][0].to_string().rfind("a::adapter::execute_node::not cached", 0), 0u)
      << logs["a"][0].to_string();
  ASSERT_EQ(logs["b"].size(), 1u);
  EXPECT_EQ(logs["b"][0].to_string(), "b::result_store::get_result::hit");
}

namespace {
struct Opaque {
  double v;
};
}  // namespace

TEST(Cache, AValueWithoutADataVersionIsNeverServedStale) {
  Calls calls;
  Module m("m");
  m.add("o", {"x"},
        [&calls](double x) {
          calls("o");
          return Opaque{x};
        },
        {version("1")});
  m.add("r", {"o"},
        [&calls](Opaque o) {
          calls("r");
          return o.v * 3;
        },
        {version("1")});
  auto dr = Builder().with_modules(m).with_cache(in_memory()).build();
  testing::internal::CaptureStderr();
  EXPECT_EQ(dr.execute({"r"}, {{"x", 1.0}}).get<double>("r"), 3.0);
  EXPECT_EQ(dr.execute({"r"}, {{"x", 2.0}}).get<double>("r"), 6.0);
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(calls["o"], 2);
  EXPECT_EQ(calls["r"], 2);
  EXPECT_NE(err.find("hamilton cache warning: node `o` returned a"), std::string::npos) << err;
  EXPECT_NE(err.find("has no data version"), std::string::npos);
  // warned once, not on every run
  EXPECT_EQ(err.find("node `o` returned", err.find("node `o` returned") + 1), std::string::npos);
  auto debug = dr.cache().events(dr.cache().last_run_id(), caching::LogLevel::debug);
  EXPECT_TRUE(std::any_of(debug.begin(), debug.end(), [](const caching::Event& e) {
    return e.type == EventType::unhashable_data_version && e.node_name == "o";
  }));
}

TEST(Cache, LogLevelsAndEventSpellings) {
  Calls calls;
  CacheOptions o = in_memory();
  o.log_level = caching::LogLevel::debug;
  auto dr = Builder().with_modules(chain(calls)).with_cache(o).build();
  dr.execute({"b"}, {{"x", 1.0}});
  const auto run = dr.cache().last_run_id();
  for (const auto& e : dr.cache().events(run))
    EXPECT_TRUE(e.type == EventType::execute_node || e.type == EventType::get_result);
  auto debug = dr.cache().events(run, caching::LogLevel::debug);
  std::vector<std::string> types;
  for (const auto& e : debug) {
    EXPECT_EQ(e.run_id, run);
    EXPECT_GT(e.timestamp, 1.7e9);
    if (e.node_name == "b") types.emplace_back(caching::to_string(e.type));
  }
  EXPECT_EQ(types, (std::vector<std::string>{"is_final_var", "resolve_behavior", "set_cache_key",
                                             "get_data_version", "execute_node", "set_result",
                                             "set_data_version"}));
  // a: its key is known before the run (x is an input), and it is looked up once
  std::vector<std::string> a_types;
  for (const auto& e : debug)
    if (e.node_name == "a") a_types.emplace_back(caching::to_string(e.type));
  EXPECT_EQ(a_types,
            (std::vector<std::string>{"resolve_behavior", "get_data_version", "set_cache_key",
                                      "execute_node", "set_result", "set_data_version"}));
  // by default only what was read, computed or went wrong is recorded
  auto quiet = Builder().with_modules(chain(calls)).with_cache(in_memory()).build();
  quiet.execute({"b"}, {{"x", 1.0}});
  auto recorded = quiet.cache().events(quiet.cache().last_run_id(), caching::LogLevel::debug);
  ASSERT_EQ(recorded.size(), 2u);
  EXPECT_EQ(recorded[0].to_string(), "a::adapter::execute_node");
  EXPECT_EQ(recorded[1].to_string(), "b::adapter::execute_node");
  EXPECT_EQ(caching::to_string(EventType::is_default_parameter_value),
            "is_default_parameter_value");
  EXPECT_EQ(caching::to_string(caching::Actor::metadata_store), "metadata_store");
  EXPECT_EQ(caching::behavior_from_string("IGNORE"), Behavior::ignore);
  EXPECT_EQ(caching::behavior_from_string("never"), std::nullopt);
}

TEST(Cache, ADriverWithoutACacheSaysHowToGetOne) {
  Calls calls;
  auto dr = Builder().with_modules(chain(calls)).build();
  EXPECT_FALSE(dr.has_cache());
  try {
    dr.cache();
    FAIL();
  } catch (const hamilton::Error& e) {
    EXPECT_NE(std::string(e.what()).find("with_cache"), std::string::npos);
  }
  auto cached = Builder().with_modules(chain(calls)).with_cache(in_memory()).build();
  EXPECT_THROW(cached.cache().last_run_id(), hamilton::Error);
  EXPECT_THROW(cached.cache().events("no-such-run"), hamilton::Error);
}

TEST(Cache, KeysDoNotDependOnTheOrderOfDependencies) {
  EXPECT_EQ(caching::cache_key("n", "1", {{"a", "x"}, {"b", "y"}}),
            caching::cache_key("n", "1", {{"b", "y"}, {"a", "x"}}));
  EXPECT_NE(caching::cache_key("n", "1", {{"a", "x"}, {"b", "y"}}),
            caching::cache_key("n", "1", {{"a", "y"}, {"b", "x"}}));
  EXPECT_NE(caching::cache_key("n", "1", {}), caching::cache_key("n", "2", {}));
  EXPECT_EQ(caching::cache_key("n.x", "1", {}).rfind("nx-1-", 0), 0u);
}

TEST(Cache, KeysAndDataVersionsAreStableAcrossReleases) {
  // a cache folder written by an earlier build must still be found: these are pinned
  EXPECT_EQ(caching::cache_key("spend_mean", "v1",
                               {{"spend", "0123456789abcdef0123456789abcdef"}, {"k", "x"}}),
            "spend_mean-v1-a0156a142b1b69c14d53b864a89a5e13");
  EXPECT_EQ(caching::cache_key("n", "1", {}), "n-1-6a09dfbd96636fc038970db3d75836f2");
  EXPECT_EQ(caching::fingerprint(hamilton::Value(2.5)), "45f198b05b91aaa5b693a4ed81b1eb06");
}

TEST(Cache, ConfigValuesAreVersionedByValue) {
  Calls calls;
  Module m("m");
  m.add("scaled", {"factor", "x"},
        [&calls](double factor, double x) {
          calls("scaled");
          return factor * x;
        },
        {version("1")});
  CacheOptions o = in_memory();
  auto build = [&](double factor) {
    return Builder().with_modules(m).with_config({{"factor", factor}}).with_cache(o).build();
  };
  build(2).execute({"scaled"}, {{"x", 3.0}});
  EXPECT_EQ(build(2).execute({"scaled"}, {{"x", 3.0}}).get<double>("scaled"), 6.0);
  EXPECT_EQ(calls["scaled"], 1);
  EXPECT_EQ(build(3).execute({"scaled"}, {{"x", 3.0}}).get<double>("scaled"), 9.0);
  EXPECT_EQ(calls["scaled"], 2);
}

// ---- parallel blocks ----

namespace {
Module block_module(Calls& calls) {
  Module m("blocks");
  m.add("items", {"n"},
        [&calls](double n) {
          calls("items");
          hamilton::Parallelizable<double> p;
          for (int i = 1; i <= static_cast<int>(n); ++i) p.push_back(i);
          return p;
        },
        {version("1")});
  m.add("squared", {"items"},
        [&calls](double v) {
          calls("squared");
          return v * v;
        },
        {version("1")});
  m.add("total", {"squared"},
        [&calls](hamilton::Collect<double> all) {
          calls("total");
          double t = 0;
          for (double v : all) t += v;
          return t;
        },
        {version("1")});
  m.add("report", {"total"},
        [&calls](double t) {
          calls("report");
          return t + 0.5;
        },
        {version("1")});
  return m;
}
}  // namespace

TEST(Cache, ParallelBlocksAreCachedItemByItem) {
  Calls calls;
  CacheOptions o = in_memory();
  auto dr = Builder().with_modules(block_module(calls)).with_cache(o).build();
  EXPECT_EQ(dr.execute({"report"}, {{"n", 3.0}}).get<double>("report"), 14.5);
  calls.clear();
  EXPECT_EQ(dr.execute({"report"}, {{"n", 3.0}}).get<double>("report"), 14.5);
  EXPECT_EQ(calls["items"], 1);    // a Parallelizable node is always computed (Hamilton's rule)
  EXPECT_EQ(calls["squared"], 0);  // each item read
  EXPECT_EQ(calls["total"], 0);    // the collected items' versions are unchanged
  EXPECT_EQ(calls["report"], 0);
  calls.clear();
  EXPECT_EQ(dr.execute({"report"}, {{"n", 4.0}}).get<double>("report"), 30.5);
  EXPECT_EQ(calls["squared"], 1);  // only the new item
  EXPECT_EQ(calls["total"], 1);
  EXPECT_EQ(calls["report"], 1);
}

TEST(Cache, TheParallelExecutorGivesTheSameResultsAndHits) {
  Calls calls;
  auto dr = Builder()
                .with_modules(block_module(calls))
                .with_executor(std::make_shared<hamilton::ParallelExecutor>(2))
                .with_cache(in_memory())
                .build();
  EXPECT_EQ(dr.execute({"report"}, {{"n", 50.0}}).get<double>("report"), 42925.5);
  calls.clear();
  EXPECT_EQ(dr.execute({"report"}, {{"n", 50.0}}).get<double>("report"), 42925.5);
  EXPECT_EQ(calls["squared"] + calls["total"] + calls["report"], 0);
}

// ---- the folder stores ----

TEST(Cache, FolderStoresByDefaultAcrossDrivers) {
  TempDir dir;
  Calls calls;
  CacheOptions o;
  o.path = dir.path.string();
  Builder()
      .with_modules(chain(calls))
      .with_cache(o)
      .build()
      .execute({"d"}, {{"x", 1.0}, {"y", 2.0}});
  EXPECT_TRUE(std::filesystem::exists(dir.path / "metadata_store.db"));
  calls.clear();
  auto dr = Builder().with_modules(chain(calls)).with_cache(o).build();
  EXPECT_EQ(dr.execute({"d"}, {{"x", 1.0}, {"y", 2.0}}).get<double>("d"), 2.0);
  EXPECT_EQ(calls["a"] + calls["b"] + calls["c"] + calls["d"], 0);
  EXPECT_EQ(dr.cache().path(), o.path);
  EXPECT_EQ(dr.cache().metadata_store().size(), 4u);
}

TEST(Cache, ACorruptedEntryIsReportedRecomputedAndStoredAgain) {
  TempDir dir;
  Calls calls;
  CacheOptions o;
  o.path = dir.path.string();
  auto dr = Builder().with_modules(chain(calls)).with_cache(o).build();
  dr.execute({"d"}, {{"x", 1.0}, {"y", 2.0}});
  const std::string dv = *dr.cache().data_version(dr.cache().last_run_id(), "d");
  {  // flip the last byte of d's result file
    std::fstream f(dir.path / dv, std::ios::in | std::ios::out | std::ios::binary);
    ASSERT_TRUE(f.good());
    f.seekg(-1, std::ios::end);
    char c;
    f.get(c);
    f.seekp(-1, std::ios::end);
    f.put(static_cast<char>(c ^ 0x5a));
  }
  calls.clear();
  testing::internal::CaptureStderr();
  EXPECT_EQ(dr.execute({"d"}, {{"x", 1.0}, {"y", 2.0}}).get<double>("d"), 2.0);
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("the stored result of node `d` cannot be read"), std::string::npos) << err;
  EXPECT_EQ(calls["d"], 1);
  EXPECT_EQ(calls["c"], 0);  // read, since d needs it now
  const auto run = dr.cache().last_run_id();
  auto debug = dr.cache().logs(run, caching::LogLevel::debug);
  EXPECT_TRUE(std::any_of(debug["d"].begin(), debug["d"].end(), [](const caching::Event& e) {
    return e.type == EventType::failed_retrieval && e.msg.find("checksum") != std::string::npos;
  })) << err;
  EXPECT_EQ(dr.cache().retrieved(run), (std::vector<std::string>{"c"}));
  // stored again: the next run reads it
  calls.clear();
  EXPECT_EQ(dr.execute({"d"}, {{"x", 1.0}, {"y", 2.0}}).get<double>("d"), 2.0);
  EXPECT_EQ(calls["d"], 0);

  // a truncated file too
  std::filesystem::resize_file(dir.path / dv, 10);
  testing::internal::CaptureStderr();
  EXPECT_EQ(dr.execute({"d"}, {{"x", 1.0}, {"y", 2.0}}).get<double>("d"), 2.0);
  testing::internal::GetCapturedStderr();
  EXPECT_EQ(calls["d"], 1);
}

TEST(Cache, TwoProcessesRunTheSameGraphOnOneFolder) {
  TempDir dir;
  constexpr int kRuns = 20;
  auto child = [&](int seed) {
    Calls calls;
    Module m("m");
    m.add("a", {"x"},
          [&calls](double x) {
            calls("a");
            return hamilton::Series(std::vector<double>(1000, x));
          },
          {version("1")});
    m.add("b", {"a"}, [](const hamilton::Series& a) { return a * 2.0; }, {version("1")});
    m.add("c", {"b", "y"}, [](const hamilton::Series& b, double y) { return b + y; },
          {version("1")});
    CacheOptions o;
    o.path = dir.path.string();
    auto dr = Builder().with_modules(m).with_cache(o).build();
    for (int i = 0; i < kRuns; ++i) {
      const double x = (i + seed) % 5, y = i % 3;
      auto r = dr.execute({"c"}, {{"x", x}, {"y", y}});
      const auto& c = r.get<hamilton::Series>("c");
      if (c.size() != 1000 || c.at<double>(999) != 2 * x + y) return 1;
    }
    return 0;
  };
  pid_t pids[2];
  for (int k = 0; k < 2; ++k) {
    pids[k] = ::fork();
    ASSERT_GE(pids[k], 0);
    if (pids[k] == 0) ::_exit(child(k));
  }
  for (pid_t pid : pids) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
  }
  // both processes' runs are in the one database
  auto metadata = caching::sqlite_metadata_store(dir.path.string());
  EXPECT_EQ(metadata->run_ids().size(), 2u * kRuns);
}

// ---- with hooks, a node execution method and materializers ----

namespace {
struct Wrapping final : hamilton::NodeExecutionMethod {
  std::atomic<int> calls{0};
  hamilton::Value run_to_execute_node(const hamilton::NodeRun&,
                                      const hamilton::NodeCall& call) override {
    ++calls;
    return call();
  }
};
struct Seen final : hamilton::LifecycleHook {
  std::mutex mutex;
  std::vector<std::string> nodes;
  void run_before_node_execution(const hamilton::NodeRun& n) override {
    std::lock_guard lock(mutex);
    nodes.push_back(n.name());
  }
};
}  // namespace

TEST(Cache, TheUsersNodeExecutionMethodRunsWhatIsComputedAndHooksSeeIt) {
  Calls calls;
  auto method = std::make_shared<Wrapping>();
  auto seen = std::make_shared<Seen>();
  auto dr = Builder()
                .with_modules(chain(calls))
                .with_node_execution_method(method)
                .with_hooks(seen)
                .with_cache(in_memory())
                .build();
  dr.execute({"d"}, {{"x", 1.0}, {"y", 2.0}});
  EXPECT_EQ(method->calls, 4);
  seen->nodes.clear();
  dr.execute({"d"}, {{"x", 1.0}, {"y", 3.0}});
  EXPECT_EQ(method->calls, 5);  // d only
  EXPECT_EQ(seen->nodes, (std::vector<std::string>{"d"}));
}

TEST(Cache, MaterializersLoadAndSaveOnEveryRunAndWhatTheyFeedIsRead) {
  TempDir dir;
  std::ofstream(dir.path / "in.csv") << "spend,signups\n10,1\n20,4\n";
  Calls calls;
  Module m("m");
  m.add("spend", {"marketing"},
        [&calls](const hamilton::DataFrame& df) {
          calls("spend");
          return df.column("spend");
        },
        {version("1")});
  m.add("total", {"spend"},
        [&calls](const hamilton::Series& s) {
          calls("total");
          return s.sum();
        },
        {version("1")});
  m.add("report", {"spend"},
        [&calls](const hamilton::Series& s) {
          calls("report");
          return hamilton::DataFrame({{"spend", s}});
        },
        {version("1")});
  auto dr = Builder().with_modules(m).with_cache(in_memory()).build();
  namespace from_ = hamilton::from_;
  namespace to = hamilton::to;
  auto materialize = [&] {
    return dr.materialize(
        {from_::csv("marketing", {{"path", (dir.path / "in.csv").string()}}),
         to::csv("saved", {"report"}, {{"path", (dir.path / "out.csv").string()}})},
        {"total"});
  };
  EXPECT_EQ(materialize().additional_vars.get<double>("total"), 30.0);
  std::filesystem::remove(dir.path / "out.csv");
  calls.clear();
  EXPECT_EQ(materialize().additional_vars.get<double>("total"), 30.0);
  EXPECT_TRUE(std::filesystem::exists(dir.path / "out.csv"));       // the saver ran again
  EXPECT_EQ(calls["spend"] + calls["total"] + calls["report"], 0);  // the file did not change
  // the file changes: the loader sees it
  std::ofstream(dir.path / "in.csv") << "spend,signups\n10,1\n25,4\n";
  EXPECT_EQ(materialize().additional_vars.get<double>("total"), 35.0);
  EXPECT_EQ(calls["spend"] + calls["total"] + calls["report"], 3);
}

// ---- the layered workload: what a change recomputes is its downstream closure, no more ----

TEST(Cache, AChangedInputRecomputesExactlyItsDownstreamClosure) {
  const auto shape = workload::make_shape(600, 3);
  auto module = workload::make_module<hamilton::Series>(shape, "layered",
                                                        [](int) { return std::string("1"); });
  auto dr = Builder().with_modules(module).with_cache(in_memory()).build();
  auto names = workload::all_names(shape);
  auto column = [](double seed) {
    std::vector<double> c(50);
    for (std::size_t i = 0; i < c.size(); ++i) c[i] = std::sin(seed + 0.1 * static_cast<double>(i));
    return hamilton::Series(std::move(c));
  };
  auto first = dr.execute(names, {{"a", column(0.1)}, {"b", column(0.7)}});
  auto second = dr.execute(names, {{"a", column(0.2)}, {"b", column(0.7)}});
  std::vector<std::string> closure;
  for (const auto& v : dr.what_is_downstream_of({"a"}))
    if (v.name != "a") closure.push_back(v.name);
  const auto run = dr.cache().last_run_id();
  EXPECT_EQ(sorted(dr.cache().executed(run)), sorted(closure));
  EXPECT_EQ(dr.cache().executed(run).size() + dr.cache().retrieved(run).size(), names.size());
  ASSERT_LT(closure.size(), names.size());  // some nodes read only b
  // the values are those of an uncached run
  auto plain = Builder().with_modules(module).build().execute(
      names, {{"a", column(0.2)}, {"b", column(0.7)}});
  for (const auto& name : names)
    EXPECT_TRUE(second.get<hamilton::Series>(name).equals(plain.get<hamilton::Series>(name)))
        << name;
}

TEST(Cache, TwoDriversShareOneCacheAndItsLog) {
  Calls calls;
  CacheOptions o = in_memory();
  o.recompute = {"a"};
  auto first = Builder().with_modules(chain(calls)).with_cache(o).build();
  first.execute({"d"}, {{"x", 1.0}, {"y", 2.0}});
  auto second = Builder().with_modules(chain(calls)).with_cache(first.cache()).build();
  calls.clear();
  second.execute({"d"}, {{"x", 1.0}, {"y", 2.0}});
  EXPECT_EQ(calls["a"], 1);  // the shared options: a is recomputed
  EXPECT_EQ(calls["b"] + calls["c"] + calls["d"], 0);
  EXPECT_EQ(first.cache().run_ids(), second.cache().run_ids());
  EXPECT_EQ(first.cache().run_ids().size(), 2u);
}

TEST(Cache, ViewRunDrawsWhatWasReadAndWhatDidNotRun) {
  Calls calls;
  auto dr = Builder().with_modules(chain(calls)).with_cache(in_memory()).build();
  dr.execute({"d"}, {{"x", 1.0}, {"y", 2.0}});
  dr.execute({"d"}, {{"x", 1.0}, {"y", 3.0}});  // d computed, c read, a and b not run
  const std::string dot = hamilton::tools::view_run(dr);
  auto line = [&](const std::string& node) {
    std::istringstream in(dot);
    for (std::string l; std::getline(in, l);)
      if (l.find("\"" + node + "\" [") != std::string::npos) return l;
    return std::string();
  };
  EXPECT_NE(line("c").find("penwidth=\"3\""), std::string::npos) << dot;
  EXPECT_NE(line("c").find("#F06449"), std::string::npos);
  EXPECT_EQ(line("d").find("penwidth=\"3\""), std::string::npos);
  EXPECT_NE(line("a").find("dashed"), std::string::npos) << dot;
  EXPECT_NE(dot.find("from cache"), std::string::npos);
  // another run by id, and errors
  const std::string first = dr.cache().run_ids().front();
  EXPECT_EQ(hamilton::tools::view_run(dr, first).find("penwidth=\"3\""), std::string::npos);
  EXPECT_EQ(dr.cache().request(first).outputs, (std::vector<std::string>{"d"}));
  EXPECT_EQ(dr.cache().request(first).inputs, (std::vector<std::string>{"x", "y"}));
  EXPECT_THROW(hamilton::tools::view_run(dr, "nope"), hamilton::Error);
  EXPECT_THROW(hamilton::tools::view_run(Builder().with_modules(chain(calls)).build()),
               hamilton::Error);
}
