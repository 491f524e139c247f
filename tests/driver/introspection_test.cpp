// list_available_variables with tag filters, upstream/downstream/path queries, validate_execution.
#include <gtest/gtest.h>

#include <algorithm>
#include <hamilton/hamilton.hpp>
#include <string>
#include <vector>

using hamilton::Builder;
using hamilton::Module;
using hamilton::TagMatch;

namespace {

std::vector<std::string> names(const std::vector<hamilton::Variable>& vars) {
  std::vector<std::string> out;
  for (const auto& v : vars) out.push_back(v.name);
  std::sort(out.begin(), out.end());
  return out;
}

hamilton::Driver make_driver() {
  Module m("lineage");
  m.add("email", {"raw"}, [](double raw) { return raw; }, {hamilton::tag({{"pii", "true"}, {"owner", "crm"}})});
  m.add("domain", {"email"}, [](double e) { return e; }, {hamilton::tag("owner", "crm")});
  m.add("score", {"domain", "spend"}, [](double d, double s) { return d + s; },
        {hamilton::tag({{"owner", "ds"}, {"stage", {"prod", "beta"}}})});
  m.add("report", {"score"}, [](double s) { return s; });
  m.add("other", {"spend"}, [](double s) { return s; });
  return Builder().with_modules(m).build();
}

}  // namespace

TEST(Introspection, TagFiltersLikeHamilton) {
  auto dr = make_driver();
  EXPECT_EQ(names(dr.list_available_variables({{"owner", "crm"}})),
            (std::vector<std::string>{"domain", "email"}));
  EXPECT_EQ(names(dr.list_available_variables({{"owner", {"crm", "ds"}}})),
            (std::vector<std::string>{"domain", "email", "score"}));
  EXPECT_EQ(names(dr.list_available_variables({{"pii", TagMatch::any()}})),
            (std::vector<std::string>{"email"}));
  EXPECT_EQ(names(dr.list_available_variables({{"owner", "crm"}, {"pii", "true"}})),
            (std::vector<std::string>{"email"}));
  EXPECT_EQ(names(dr.list_available_variables({{"stage", "beta"}})), (std::vector<std::string>{"score"}));
  EXPECT_EQ(dr.list_available_variables({{"module", "lineage"}}).size(), 5u);
  EXPECT_EQ(dr.list_available_variables().size(), 7u);  // + inputs raw and spend
  try {
    dr.list_available_variables({{"owner", std::vector<std::string>{}}});
    FAIL();
  } catch (const hamilton::Error& e) {
    EXPECT_NE(std::string(e.what()).find("tag filter `owner`: an empty list matches nothing"),
              std::string::npos);
  }
}

TEST(Introspection, UpstreamDownstreamAndPath) {
  auto dr = make_driver();
  EXPECT_EQ(names(dr.what_is_upstream_of({"score"})),
            (std::vector<std::string>{"domain", "email", "raw", "score", "spend"}));
  EXPECT_EQ(names(dr.what_is_downstream_of({"email"})),
            (std::vector<std::string>{"domain", "email", "report", "score"}));
  EXPECT_EQ(names(dr.what_is_downstream_of({"spend"})),
            (std::vector<std::string>{"other", "report", "score", "spend"}));
  EXPECT_EQ(names(dr.what_is_the_path_between("email", "report")),
            (std::vector<std::string>{"domain", "email", "report", "score"}));
  EXPECT_TRUE(dr.what_is_the_path_between("report", "email").empty());
  EXPECT_TRUE(dr.what_is_the_path_between("other", "report").empty());
  try {
    dr.what_is_upstream_of({"scor"});
    FAIL();
  } catch (const hamilton::UnknownNodeError& e) {
    EXPECT_EQ(e.name(), "scor");
    EXPECT_EQ(e.suggestion(), "score");
    EXPECT_STREQ(e.what(), "no node named `scor` in the graph (did you mean `score`?)");
  }
}

TEST(Introspection, VariableDetails) {
  auto dr = make_driver();
  auto raw = dr.graph().variable("raw");
  EXPECT_TRUE(raw.is_external_input);
  EXPECT_TRUE(raw.required);
  EXPECT_EQ(raw.type_name, "double");
  auto score = dr.graph().variable("score");
  EXPECT_EQ(score.tags.at("stage"), (std::vector<std::string>{"prod", "beta"}));
  EXPECT_EQ(score.originating_function, "score");
  EXPECT_EQ(score.required_dependencies, (std::vector<std::string>{"domain", "spend"}));
}

TEST(Introspection, ValidateExecutionIsADryRun) {
  int calls = 0;
  Module m("dry");
  m.add("f", {"x"}, [&calls](double x) { ++calls; return x; });
  auto dr = Builder().with_modules(m).build();
  EXPECT_NO_THROW(dr.validate_execution({"f"}, {{"x", 1.0}}));
  EXPECT_EQ(calls, 0);
  EXPECT_THROW(dr.validate_execution({"f"}), hamilton::InputError);
  EXPECT_THROW(dr.validate_execution({"f"}, {{"x", 1}}), hamilton::InputError);
}
