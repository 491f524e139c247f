// The order a plan runs its nodes in: topological, deterministic, and among the nodes that are
// ready, the one that lets values be released soonest first (fewer values alive at once).
#include <gtest/gtest.h>

#include <algorithm>
#include <hamilton/hamilton.hpp>
#include <memory>
#include <string>
#include <vector>

#include "support/layered_graph.hpp"
#include "support/tracked.hpp"

using hamilton::Builder;
using hamilton::Module;
using testing_support::Tracked;

namespace {

using Ptr = std::shared_ptr<const Tracked>;

Ptr make(double v) { return std::make_shared<const Tracked>(v); }

// Three values made from `x`, then folded one at a time: s1 = f(p1), s2 = f(s1, p2), s3 = f(s2,
// p3). Declared breadth first, so declaration order makes p1, p2 and p3 before folding any.
Module fold() {
  Module m("fold");
  m.add("p1", {"x"}, [](double x) { return make(x + 1); });
  m.add("p2", {"x"}, [](double x) { return make(x + 2); });
  m.add("p3", {"x"}, [](double x) { return make(x + 3); });
  m.add("s1", {"p1"}, [](const Ptr& p) { return make(p->v); });
  m.add("s2", {"s1", "p2"}, [](const Ptr& s, const Ptr& p) { return make(s->v * 10 + p->v); });
  m.add("s3", {"s2", "p3"}, [](const Ptr& s, const Ptr& p) { return make(s->v * 10 + p->v); });
  return m;
}

}  // namespace

TEST(PlanOrder, AReadyNodeThatReleasesValuesRunsFirst) {
  auto dr = Builder().with_modules(fold()).build();
  auto plan = dr.compile({"s3"}, {"x"});
  // s1 releases p1 and s2 releases s1 and p2: each runs as soon as it is ready
  EXPECT_EQ(plan.nodes(), (std::vector<std::string>{"p1", "s1", "p2", "s2", "p3", "s3"}));
  Tracked::peak = 0;
  auto r = dr.execute({"s3"}, {{"x", 0.0}});
  EXPECT_EQ(r.get<Ptr>("s3")->v, 123.0);
  // at most s1, p2 and s2 alive at once (declaration order: p1, p2, p3 and s1)
  EXPECT_EQ(Tracked::peak.load(), 3);
  r = {};
  EXPECT_EQ(Tracked::live.load(), 0);
}

TEST(PlanOrder, RequestedValuesAreKeptSoTheyReleaseNothing) {
  auto dr = Builder().with_modules(fold()).build();
  // everything requested: nothing is released, the declaration order stays
  auto all = dr.compile({"s3", "s2", "s1", "p3", "p2", "p1"}, {"x"});
  EXPECT_EQ(all.nodes(), (std::vector<std::string>{"p1", "p2", "p3", "s1", "s2", "s3"}));
  // p1 requested: s1 releases nothing, so p2 and p3 (declared earlier) go first
  auto keep_p1 = dr.compile({"s3", "p1"}, {"x"});
  EXPECT_EQ(keep_p1.nodes(), (std::vector<std::string>{"p1", "p2", "p3", "s1", "s2", "s3"}));
  auto r = keep_p1.execute(hamilton::Inputs{{"x", 1.0}});
  EXPECT_EQ(r.get<Ptr>("s3")->v, 234.0);
  EXPECT_EQ(r.get<Ptr>("p1")->v, 2.0);
}

TEST(PlanOrder, TheOrderIsDeterministic) {
  auto shape = workload::make_shape(300, 5);
  auto names = workload::all_names(shape);
  auto d1 = Builder().with_modules(workload::make_module<double>(shape)).build();
  auto d2 = Builder().with_modules(workload::make_module<double>(shape)).build();
  auto order = d1.compile({names.back()}, {"a", "b"}).nodes();
  EXPECT_EQ(d1.compile({names.back()}, {"a", "b"}).nodes(), order);
  EXPECT_EQ(d2.compile({names.back()}, {"a", "b"}).nodes(), order);
  // and it computes what the plain functions compute in graph order
  auto expected = workload::run_baseline<double>(shape, 0.3, -0.2);
  auto r = d1.execute({names.back(), names[150]}, {{"a", 0.3}, {"b", -0.2}});
  EXPECT_DOUBLE_EQ(r.get<double>(0), expected.back());
  EXPECT_DOUBLE_EQ(r.get<double>(1), expected[150]);
}

TEST(PlanOrder, LayeredGraphLastNodeOnlyHoldsFewerValues) {
  // the graph of bench/memory.cpp: graph order holds 11 values at once, this order 10
  auto shape = workload::make_shape(100, 3);
  Module m("layered_tracked");
  for (std::size_t i = 0; i < shape.deps.size(); ++i) {
    std::vector<std::string> params;
    for (int d : shape.deps[i]) params.push_back(d < 0 ? std::string("x") : workload::name_of(d));
    std::sort(params.begin(), params.end());
    params.erase(std::unique(params.begin(), params.end()), params.end());
    const std::string name = "n" + std::to_string(i);
    switch (params.size()) {
      case 1:
        if (params[0] == "x") {
          m.add(name, params, [](double x) { return make(x); });
        } else {
          m.add(name, params, [](const Ptr& a) { return make(a->v * 0.5); });
        }
        break;
      case 2:
        if (params[1] == "x") {
          m.add(name, params, [](const Ptr& a, double x) { return make(a->v + x); });
        } else {
          m.add(name, params, [](const Ptr& a, const Ptr& b) { return make(a->v + b->v); });
        }
        break;
      default:
        if (params[2] == "x") {
          m.add(name, params,
                [](const Ptr& a, const Ptr& b, double x) { return make(a->v + b->v + x); });
        } else {
          m.add(name, params,
                [](const Ptr& a, const Ptr& b, const Ptr& c) { return make(a->v + b->v + c->v); });
        }
    }
  }
  auto dr = Builder().with_modules(m).build();
  Tracked::peak = 0;
  auto r = dr.execute({"n99"}, {{"x", 0.0}});
  EXPECT_TRUE(r.get<Ptr>("n99"));
  EXPECT_LE(Tracked::peak.load(), 10);
  r = {};
  EXPECT_EQ(Tracked::live.load(), 0);
}
