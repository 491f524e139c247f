// resolve / resolve_from_config: the modifier chosen from the config at build time.
#include <gmock/gmock.h>

#include "test_util.hpp"

using namespace hamilton;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

// Hamilton's docs example: which columns to extract comes from the config
Module columns_module() {
  Module m("fm_resolve_columns");
  m.add("frame", {},
        [] {
          return DataFrame(
              {{"a", Series(std::vector<double>{1, 2})}, {"b", Series(std::vector<double>{3, 4})}});
        },
        {resolve_from_config(
            [](const Config& c) {
              const auto& cols = c.at("columns").get<std::vector<std::string>>();
              return cols.size() == 1 ? extract_columns(cols[0])
                                      : extract_columns(cols[0], cols[1]);
            },
            {"columns"})});
  return m;
}

}  // namespace

TEST(Resolve, TheConfigChoosesTheModifier) {
  auto one = Builder()
                 .with_modules(columns_module())
                 .with_config({{"hamilton.enable_power_user_mode", true},
                               {"columns", std::vector<std::string>{"a"}}})
                 .build();
  EXPECT_THAT(mtest::function_nodes(one), ElementsAre("a", "frame"));
  auto two = Builder()
                 .with_modules(columns_module())
                 .with_config({{"hamilton.enable_power_user_mode", true},
                               {"columns", std::vector<std::string>{"a", "b"}}})
                 .build();
  EXPECT_THAT(mtest::function_nodes(two), ElementsAre("a", "b", "frame"));
  EXPECT_EQ(two.execute({"b"}, {}).get<Series>("b").as_double(1), 4.0);
}

TEST(Resolve, OptionalKeysArePassedOnlyWhenPresent) {
  auto module = [] {
    Module m("fm_resolve_optional");
    m.add("x", {}, [] { return 1.0; },
          {resolve(ResolveAt::config_available,
                   [](const Config& c) {
                     return doc(c.count("note") ? c.at("note").get<std::string>()
                                                : std::string("no note"));
                   },
                   {}, {"note"})});
    return m;
  };
  auto with = Builder()
                  .with_modules(module())
                  .with_config({{"hamilton.enable_power_user_mode", true}, {"note", "noted"}})
                  .build();
  EXPECT_EQ(with.graph().variable("x").documentation, "noted");
  auto without = Builder()
                     .with_modules(module())
                     .with_config({{"hamilton.enable_power_user_mode", true}})
                     .build();
  EXPECT_EQ(without.graph().variable("x").documentation, "no note");
}

TEST(Resolve, NeedsPowerUserModeAndItsKeys) {
  auto e = mtest::build_error(Builder()
                                  .with_modules(columns_module())
                                  .with_config({{"columns", std::vector<std::string>{"a"}}}));
  ASSERT_EQ(e.problems().size(), 1u) << e.what();
  EXPECT_EQ(e.problems()[0].code, ErrorCode::config);
  EXPECT_EQ(e.problems()[0].node, "frame");
  EXPECT_THAT(e.problems()[0].message,
              HasSubstr("resolve: dynamic modifiers are only allowed in power user mode"));
  EXPECT_THAT(e.problems()[0].message, HasSubstr("hamilton.enable_power_user_mode"));
  auto missing = mtest::build_error(Builder()
                                        .with_modules(columns_module())
                                        .with_config({{"hamilton.enable_power_user_mode", true}}));
  ASSERT_EQ(missing.problems().size(), 1u) << missing.what();
  EXPECT_EQ(missing.problems()[0].code, ErrorCode::missing_config);
  EXPECT_THAT(missing.problems()[0].message,
              HasSubstr("config items `columns` are declared but not in the config"));
}

TEST(Resolve, AThrowingOrEmptyDecorateWithIsABuildError) {
  Module m("fm_resolve_bad");
  m.add("x", {}, [] { return 1.0; },
        {resolve_from_config([](const Config&) -> Modifier { throw std::runtime_error("boom"); },
                             {})});
  m.add("y", {}, [] { return 1.0; },
        {resolve_from_config([](const Config&) { return Modifier(); }, {})});
  auto e = mtest::build_error(
      Builder().with_modules(m).with_config({{"hamilton.enable_power_user_mode", true}}));
  ASSERT_EQ(e.problems().size(), 2u) << e.what();
  EXPECT_THAT(e.problems()[0].message, HasSubstr("resolve: decorate_with threw: boom"));
  EXPECT_THAT(e.problems()[1].message, HasSubstr("resolve: decorate_with returned no modifier"));
}
