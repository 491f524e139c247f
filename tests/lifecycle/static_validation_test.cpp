// Build-time extension points: StaticValidator refusals in the build's one GraphError (with
// node, module and file:line), read-only node views, GraphConstructionHook.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <hamilton/hamilton.hpp>

#include "support/build_error.hpp"

using hamilton::Builder;
using hamilton::ErrorCode;
using hamilton::NodeRole;
using hamilton::lifecycle::GraphView;
using hamilton::lifecycle::NodeView;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

HAMILTON_MODULE(static_validation_features);
NODE(double, D_signup_date, (double raw_date), tag({{"owner", "growth"}})) { return raw_date; }
const int kUnownedLine = __LINE__ + 1;
NODE(double, spend_ratio, (double spend, float clicks)) { return spend / clicks; }
NODE(double, signup_week, (double D_signup_date), tag({{"owner", "growth"}})) {
  return D_signup_date / 7;
}

namespace {

// refuses function nodes without an `owner` tag
struct OwnerRequired : hamilton::lifecycle::StaticValidator {
  std::string name() const override { return "owner_required"; }
  std::optional<std::string> validate_node(const NodeView& node) override {
    if (node.role() != NodeRole::function || !node.tag("owner").empty()) return std::nullopt;
    return "has no `owner` tag; add tag({{\"owner\", \"<team>\"}})";
  }
};

// the talk's convention: a `D_` prefix means a date feature, a double tagged kind=date
struct DatePrefix : hamilton::lifecycle::StaticValidator {
  std::optional<std::string> validate_node(const NodeView& node) override {
    if (node.role() != NodeRole::function || node.name().rfind("D_", 0) != 0) return std::nullopt;
    if (node.tag("kind") == std::vector<std::string>{"date"}) return std::nullopt;
    return "a `D_` name is a date feature: tag it kind=date";
  }
};

// a type rule: no float parameters (the team computes in double)
struct NoFloats : hamilton::lifecycle::StaticValidator {
  std::string name() const override { return "no_floats"; }
  std::optional<std::string> validate_node(const NodeView& node) override {
    for (std::size_t i = 0; i < node.parameter_count(); ++i)
      if (node.parameter_type(i) == hamilton::TypeInfo::of<float>())
        return "parameter `" + node.parameter_name(i) + "` is a " + node.parameter_type_name(i) +
               "; take a double";
    return std::nullopt;
  }
};

std::string this_file() { return __FILE__; }

}  // namespace

TEST(StaticValidator, RefusalsAreProblemsOfTheOneBuildErrorWithNodeAndLocation) {
  auto e = testing_support::build_error(Builder()
                                            .with_modules("static_validation_features")
                                            .with_hooks(std::make_shared<OwnerRequired>(),
                                                        std::make_shared<DatePrefix>(),
                                                        std::make_shared<NoFloats>()));
  std::vector<std::string> found;
  for (const auto& p : e.problems()) {
    EXPECT_EQ(p.code, ErrorCode::static_validation);
    found.push_back(p.node + ": " + p.message);
  }
  EXPECT_THAT(found,
              ElementsAre("spend_ratio: owner_required: has no `owner` tag; add "
                          "tag({{\"owner\", \"<team>\"}})",
                          "D_signup_date: a `D_` name is a date feature: tag it kind=date",
                          "spend_ratio: no_floats: parameter `clicks` is a float; take a double"));
  const auto& unowned = e.problems()[0];
  EXPECT_EQ(unowned.module, "static_validation_features");
  EXPECT_EQ(unowned.location.file, this_file());
  EXPECT_EQ(unowned.location.line, kUnownedLine);
  EXPECT_THAT(e.what(), HasSubstr("cannot build the graph (3 problems)"));
  EXPECT_THAT(e.what(), HasSubstr(this_file() + ":" + std::to_string(kUnownedLine) +
                                  ": node `spend_ratio` (module static_validation_features): "
                                  "owner_required: has no `owner` tag"));
}

TEST(StaticValidator, RefusalsAreListedWithTheGraphsOwnProblems) {
  hamilton::Module broken("static_validation_broken");
  broken.add("x", {"y"}, [](double y) { return y; });
  broken.add("y", {"x"}, [](double x) { return x; });  // a cycle
  auto e = testing_support::build_error(
      Builder().with_modules(broken).with_hooks(std::make_shared<OwnerRequired>()));
  EXPECT_TRUE(e.has(ErrorCode::cycle));
  EXPECT_TRUE(e.has(ErrorCode::static_validation));
}

TEST(StaticValidator, SeesReadOnlyViewsOfNodesAndTheirEdges) {
  struct Recorder : hamilton::lifecycle::StaticValidator {
    std::vector<std::string> seen;
    std::optional<std::string> validate_node(const NodeView& node) override {
      std::string line = node.name() + " " + node.type_name();
      for (std::size_t i = 0; i < node.parameter_count(); ++i) {
        auto dep = node.dependency(i);
        line += " " + node.parameter_name(i) + "<-" + (dep ? dep->name() : "?");
        if (dep && dep->is_external_input()) line += "(input)";
      }
      for (const auto& c : node.consumers()) line += " ->" + c.name();
      seen.push_back(line);
      return std::nullopt;
    }
    std::optional<std::string> validate_graph(const GraphView& graph) override {
      graph_size = graph.size();
      found = graph.find("signup_week").has_value() && !graph.find("nope").has_value();
      owner = graph.find("signup_week")->tag("owner");
      return std::nullopt;
    }
    std::size_t graph_size = 0;
    bool found = false;
    std::vector<std::string> owner;
  };
  auto recorder = std::make_shared<Recorder>();
  Builder().with_modules("static_validation_features").with_hooks(recorder).build();
  EXPECT_THAT(recorder->seen,
              ElementsAre("D_signup_date double raw_date<-raw_date(input) ->signup_week",
                          "spend_ratio double spend<-spend(input) clicks<-clicks(input)",
                          "signup_week double D_signup_date<-D_signup_date",
                          "raw_date double ->D_signup_date", "spend double ->spend_ratio",
                          "clicks float ->spend_ratio"));
  EXPECT_EQ(recorder->graph_size, 6u);
  EXPECT_TRUE(recorder->found);
  EXPECT_EQ(recorder->owner, std::vector<std::string>{"growth"});
}

TEST(StaticValidator, AGraphRuleAndAThrowingValidatorAreReported) {
  struct AtMostTwoInputs : hamilton::lifecycle::StaticValidator {
    std::string name() const override { return "inputs"; }
    std::optional<std::string> validate_graph(const GraphView& graph) override {
      std::size_t n = 0;
      for (const auto& node : graph.nodes()) n += node.is_external_input() ? 1 : 0;
      if (n <= 2) return std::nullopt;
      return "the graph takes " + std::to_string(n) + " external inputs, at most 2 are allowed";
    }
  };
  struct Throws : hamilton::lifecycle::StaticValidator {
    std::optional<std::string> validate_node(const NodeView& node) override {
      if (node.name() == "spend") throw std::runtime_error("no rule for spend");
      return std::nullopt;
    }
  };
  auto e = testing_support::build_error(
      Builder()
          .with_modules("static_validation_features")
          .with_hooks(std::make_shared<AtMostTwoInputs>(), std::make_shared<Throws>()));
  ASSERT_EQ(e.problems().size(), 2u);
  EXPECT_EQ(e.problems()[0].node, "");
  EXPECT_EQ(e.problems()[0].message,
            "inputs: the graph takes 3 external inputs, at most 2 are allowed");
  EXPECT_EQ(e.problems()[1].node, "spend");
  EXPECT_EQ(e.problems()[1].message,
            "the validator threw while checking this node: no rule for spend");
}

TEST(GraphConstructionHook, SeesTheBuiltGraphAndConfig) {
  struct Capture : hamilton::lifecycle::GraphConstructionHook {
    void run_after_graph_construction(const hamilton::Graph& graph,
                                      const hamilton::ValueMap& config) override {
      nodes = graph.size();
      region = config.at("region").get<std::string>();
      ++calls;
    }
    std::size_t nodes = 0;
    std::string region;
    int calls = 0;
  };
  auto hook = std::make_shared<Capture>();
  auto dr = Builder()
                .with_modules("static_validation_features")
                .with_config({{"region", "US"}})
                .with_hooks(hook)
                .build();
  EXPECT_EQ(hook->calls, 1);
  EXPECT_EQ(hook->nodes, dr.graph().size());
  EXPECT_EQ(hook->region, "US");
  // not called when the build fails
  auto failing = std::make_shared<Capture>();
  testing_support::build_error(Builder()
                                   .with_modules("static_validation_features")
                                   .with_hooks(std::make_shared<OwnerRequired>(), failing));
  EXPECT_EQ(failing->calls, 0);
}

TEST(StaticValidator, OneObjectMayBeSeveralKindsOfHook) {
  struct Both : hamilton::LifecycleHook, hamilton::lifecycle::StaticValidator {
    int nodes_validated = 0;
    int runs = 0;
    std::optional<std::string> validate_node(const NodeView&) override {
      ++nodes_validated;
      return std::nullopt;
    }
    void run_before_graph_execution(const hamilton::GraphRun&) override { ++runs; }
  };
  auto both = std::make_shared<Both>();
  auto dr = Builder().with_modules("static_validation_features").with_hooks(both).build();
  EXPECT_EQ(both->nodes_validated, 6);
  dr.execute({"signup_week"}, {{"raw_date", 14.0}});
  EXPECT_EQ(both->runs, 1);
  EXPECT_THROW(Builder().with_hooks(std::shared_ptr<OwnerRequired>()), hamilton::Error);
}
