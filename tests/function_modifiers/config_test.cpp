// config_when and friends: selection, naming, tags, conflicts, missing keys.
#include <gmock/gmock.h>

#include "test_util.hpp"

using namespace hamilton;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

HAMILTON_MODULE(fm_config_variants);
NODE(double, total__us, (double us_spend), config_when({{"region", "US"}})) { return us_spend * 2; }
NODE(double, total__eu, (double eu_spend), config_when({{"region", "EU"}})) { return eu_spend * 3; }
NODE(double, total__other, (double us_spend), config_when_not_in({{"region", {"US", "EU"}}})) {
  return us_spend;
}
NODE(double, report, (double total)) { return total + 1; }

TEST(ConfigWhen, PicksTheVariantAndStripsTheSuffix) {
  auto us = Builder().with_modules("fm_config_variants").with_config({{"region", "US"}}).build();
  EXPECT_EQ(us.execute({"report"}, {{"us_spend", 10.0}}).get<double>("report"), 21.0);
  auto v = us.graph().variable("total");
  EXPECT_EQ(v.originating_function, "total__us");
  EXPECT_EQ(v.tags.at("hamilton.config"), TagValues{"region"});
  EXPECT_FALSE(us.graph().contains("total__us"));
  EXPECT_FALSE(us.graph().contains("eu_spend"));

  auto eu = Builder().with_modules("fm_config_variants").with_config({{"region", "EU"}}).build();
  EXPECT_EQ(eu.execute({"report"}, {{"eu_spend", 10.0}}).get<double>("report"), 31.0);

  auto other = Builder().with_modules("fm_config_variants").with_config({{"region", "JP"}}).build();
  EXPECT_EQ(other.execute({"report"}, {{"us_spend", 10.0}}).get<double>("report"), 11.0);
}

TEST(ConfigWhen, MissingRequiredKeyIsAnError) {
  auto e = mtest::build_error(Builder().with_modules("fm_config_variants"));
  const auto* p = mtest::find_problem(e, ErrorCode::config, "total__us");
  ASSERT_NE(p, nullptr) << e.what();
  EXPECT_THAT(p->message, HasSubstr("config_when: requires config key `region`"));
  EXPECT_THAT(p->message, HasSubstr("`US`"));
}

TEST(ConfigWhen, NumbersAndBoolsCompareByValue) {
  Module m("fm_config_numbers");
  m.add("v__a", {}, [] { return 1; }, {config_when({{"version", 2}})});
  m.add("v__b", {}, [] { return 2; }, {config_when({{"version", 3.5}})});
  m.add("flag__on", {}, [] { return 10; }, {config_when({{"debug", true}})});
  m.add("flag__off", {}, [] { return 20; }, {config_when_not({{"debug", true}})});
  auto dr = Builder().with_modules(m).with_config({{"version", 2.0}, {"debug", false}}).build();
  auto r = dr.execute({"v", "flag"}, {});
  EXPECT_EQ(r.get<int>("v"), 1);
  EXPECT_EQ(r.get<int>("flag"), 20);
  auto dr2 = Builder().with_modules(m).with_config({{"version", 3.5}, {"debug", true}}).build();
  auto r2 = dr2.execute({"v", "flag"}, {});
  EXPECT_EQ(r2.get<int>("v"), 2);
  EXPECT_EQ(r2.get<int>("flag"), 10);
}

TEST(ConfigWhen, WhenNotTreatsAMissingKeyAsNotEqual) {
  Module m("fm_config_when_not_missing");
  m.add("x", {}, [] { return 1; }, {config_when_not({{"mode", "fast"}})});
  auto dr = Builder().with_modules(m).build();
  EXPECT_EQ(dr.execute({"x"}, {}).get<int>("x"), 1);
}

TEST(ConfigWhen, WhenInAndSeveralKeys) {
  Module m("fm_config_when_in");
  m.add("x", {}, [] { return 1; }, {config_when_in({{"region", {"US", "CA"}}, {"tier", {1, 2}}})});
  EXPECT_TRUE(Builder().with_modules(m).with_config({{"region", "CA"}, {"tier", 2}}).build().graph().contains("x"));
  EXPECT_FALSE(Builder().with_modules(m).with_config({{"region", "CA"}, {"tier", 3}}).build().graph().contains("x"));
  EXPECT_FALSE(Builder().with_modules(m).with_config({{"region", "MX"}, {"tier", 1}}).build().graph().contains("x"));
  auto v = Builder().with_modules(m).with_config({{"region", "US"}, {"tier", 1}}).build().graph().variable("x");
  EXPECT_EQ(v.tags.at("hamilton.config"), (TagValues{"region", "tier"}));
}

TEST(ConfigWhen, PredicateForm) {
  Module m("fm_config_predicate");
  m.add("big__yes", {}, [] { return std::string("big"); },
        {config_when_fn([](const Config& c) { return c.at("size").get<int>() > 10; }, {"size"})});
  m.add("big__no", {}, [] { return std::string("small"); },
        {config_when_fn([](const Config& c) { return c.at("size").get<int>() <= 10; }, {"size"})});
  EXPECT_EQ(Builder().with_modules(m).with_config({{"size", 11}}).build().execute({"big"}, {}).get<std::string>("big"), "big");
  EXPECT_EQ(Builder().with_modules(m).with_config({{"size", 3}}).build().execute({"big"}, {}).get<std::string>("big"), "small");
  auto e = mtest::build_error(Builder().with_modules(m));
  const auto* p = mtest::find_problem(e, ErrorCode::config, "big__yes");
  ASSERT_NE(p, nullptr) << e.what();
  EXPECT_THAT(p->message, HasSubstr("config_when_fn: requires config key `size`"));
}

TEST(ConfigWhen, TwoMatchingVariantsAreOneClearError) {
  Module m("fm_config_conflict");
  m.add("total__a", {}, [] { return 1; }, {config_when({{"region", "US"}})});
  m.add("total__b", {}, [] { return 2; }, {config_when_in({{"region", {"US", "EU"}}})});
  auto e = mtest::build_error(Builder().with_modules(m).with_config({{"region", "US"}}));
  const auto* p = mtest::find_problem(e, ErrorCode::config_conflict, "total");
  ASSERT_NE(p, nullptr) << e.what();
  EXPECT_THAT(p->message, HasSubstr("two config variants of `total` both apply"));
  EXPECT_THAT(p->message, HasSubstr("`total__a`"));
  EXPECT_THAT(p->message, HasSubstr("`total__b`"));
  EXPECT_THAT(p->message, HasSubstr("mutually exclusive"));
  // with EU only one applies
  EXPECT_EQ(Builder().with_modules(m).with_config({{"region", "EU"}}).build().execute({"total"}, {}).get<int>("total"), 2);
}

TEST(ConfigWhen, NameEndingInDoubleUnderscoreIsAnError) {
  Module m("fm_config_bad_name");
  m.add("total__", {}, [] { return 1; }, {config_when({{"region", "US"}})});
  auto e = mtest::build_error(Builder().with_modules(m).with_config({{"region", "US"}}));
  const auto* p = mtest::find_problem(e, ErrorCode::bad_name, "total__");
  ASSERT_NE(p, nullptr) << e.what();
  EXPECT_THAT(p->message, HasSubstr("config_when: function name `total__` ends in `__`"));
}

TEST(ConfigWhen, NoConfigModifierKeepsDoubleUnderscore) {
  Module m("fm_config_keep_name");
  m.add("total__raw", {}, [] { return 1; });
  auto dr = Builder().with_modules(m).build();
  EXPECT_TRUE(dr.graph().contains("total__raw"));
}

TEST(ConfigWhen, UncomparableLiteralIsAnError) {
  Module m("fm_config_uncomparable");
  m.add("x__a", {}, [] { return 1; }, {config_when({{"k", std::vector<int>{1}}})});
  auto e = mtest::build_error(Builder().with_modules(m).with_config({{"k", 1}}));
  const auto* p = mtest::find_problem(e, ErrorCode::config, "x__a");
  ASSERT_NE(p, nullptr) << e.what();
  EXPECT_THAT(p->message, HasSubstr("compare strings, numbers and bools"));
}

TEST(ConfigWhen, DroppedFunctionsDoNotCreateInputs) {
  auto dr = Builder().with_modules("fm_config_variants").with_config({{"region", "EU"}}).build();
  EXPECT_THAT(mtest::function_nodes(dr), ElementsAre("report", "total"));
}
