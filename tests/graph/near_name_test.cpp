// An external input named one or two edits from a node (a misspelt parameter): a build
// diagnostic, a build error on request, and an execute error that names the node it was meant
// to read.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <hamilton/hamilton.hpp>

#include "support/build_error.hpp"

using hamilton::Builder;
using hamilton::ErrorCode;
using ::testing::HasSubstr;

HAMILTON_MODULE(sales_near_names);
NODE(double, revenue, (double units, double price)) { return units * price; }
const int kProfitLine = __LINE__ + 1;
NODE(double, profit, (double revenu, double cost)) { return revenu - cost; }
NODE(double, margin, (double profit, double revenue)) { return profit / revenue; }

namespace {

std::string this_file() { return __FILE__; }

}  // namespace

TEST(NearNameInputs, BuildListsTheMisspeltParameterAsADiagnostic) {
  auto dr = Builder().with_modules("sales_near_names").build();
  const auto& diagnostics = dr.graph().diagnostics();
  ASSERT_EQ(diagnostics.size(), 1u);
  const auto& d = diagnostics[0];
  EXPECT_EQ(d.code, ErrorCode::input_near_node);
  EXPECT_EQ(d.node, "profit");
  EXPECT_EQ(d.module, "sales_near_names");
  EXPECT_EQ(d.location.file, this_file());
  EXPECT_EQ(d.location.line, kProfitLine);
  EXPECT_EQ(d.suggestion, "revenue");
  EXPECT_THAT(d.message, HasSubstr("parameter `revenu` of `profit` reads no node, so it is an "
                                   "external input, but its name is one edit from the node "
                                   "`revenue` (module sales_near_names, " +
                                   this_file() + ":"));
  EXPECT_THAT(d.message, HasSubstr("rename the parameter to `revenue`"));
  EXPECT_THAT(d.to_string(), HasSubstr("(did you mean `revenue`?)"));
  // the other inputs (units, price, cost) are far from every node
  EXPECT_TRUE(dr.graph().variable("revenu").is_external_input);
}

TEST(NearNameInputs, BuilderCanTreatThemAsErrorsWithTheOtherProblems) {
  hamilton::Module extra("near_name_extra");
  extra.add("discount", {"revenue", "rate"}, [](const std::string&, double x) { return x; });
  auto e = testing_support::build_error(
      Builder().with_modules("sales_near_names", extra).near_name_inputs_as_errors());
  // one error lists the near name and the unrelated type mismatch
  EXPECT_TRUE(e.has(ErrorCode::input_near_node));
  EXPECT_TRUE(e.has(ErrorCode::type_mismatch));
  EXPECT_THAT(e.what(), HasSubstr("node `profit` (module sales_near_names): parameter `revenu`"));
  EXPECT_THAT(e.what(), HasSubstr(this_file() + ":" + std::to_string(kProfitLine)));
  // without the option the same modules fail only on the mismatch
  auto plain = testing_support::build_error(Builder().with_modules("sales_near_names", extra));
  EXPECT_FALSE(plain.has(ErrorCode::input_near_node));
  EXPECT_TRUE(plain.has(ErrorCode::type_mismatch));
  // and near_name_inputs_as_errors(false) turns it back off
  EXPECT_NO_THROW(Builder()
                      .with_modules("sales_near_names")
                      .near_name_inputs_as_errors()
                      .near_name_inputs_as_errors(false)
                      .build());
}

TEST(NearNameInputs, ExecuteSaysWhichNodeWasMeantAndWhere) {
  auto dr = Builder().with_modules("sales_near_names").build();
  try {
    dr.execute({"margin"}, {{"units", 2.0}, {"price", 3.0}, {"cost", 1.0}});
    FAIL() << "expected an InputError";
  } catch (const hamilton::InputError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    const auto& p = e.problems()[0];
    EXPECT_EQ(p.code, ErrorCode::missing_input);
    EXPECT_EQ(p.node, "revenu");
    EXPECT_EQ(p.suggestion, "revenue");
    EXPECT_THAT(p.message,
                HasSubstr("required input `revenu` is not given; needed by `profit` (module "
                          "sales_near_names, " +
                          this_file() + ":" + std::to_string(kProfitLine) +
                          "); did you mean the node `revenue`?"));
    EXPECT_THAT(p.message, HasSubstr("rename the parameter to `revenue`"));
    // the did-you-mean is said once
    std::string text = p.to_string();
    EXPECT_EQ(text.find("did you mean"), text.rfind("did you mean"));
  }
  // given, it is an input like any other
  auto r = dr.execute({"margin"}, {{"units", 2.0}, {"price", 3.0}, {"cost", 1.0}, {"revenu", 5.0}});
  EXPECT_DOUBLE_EQ(r.get<double>("margin"), (5.0 - 1.0) / 6.0);
}

TEST(NearNameInputs, ShortOrDistantNamesAreNotFlagged) {
  hamilton::Module m("near_name_short");
  m.add("a", {"b"}, [](double b) { return b; });                    // 1 edit, but 1 character
  m.add("spend", {"signups"}, [](double s) { return s; });          // far
  m.add("clicks", {"clicked"}, [](double s) { return s; });         // 2 edits of 6
  m.add("revenue_eu", {"revenue_us"}, [](double s) { return s; });  // 2 edits of 10
  m.add("abcd", {"wxyz"}, [](double s) { return s; });
  auto dr = Builder().with_modules(m).build();
  std::vector<std::string> flagged;
  for (const auto& d : dr.graph().diagnostics()) flagged.push_back(d.node);
  EXPECT_EQ(flagged, (std::vector<std::string>{"clicks", "revenue_eu"}));
  for (const auto& d : dr.graph().diagnostics()) {
    if (d.node == "clicks") {
      EXPECT_THAT(d.message, HasSubstr("two edits from the node `clicks`"));
    }
  }
}
