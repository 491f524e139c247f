// ErrorCode: each code has one spelling, which reads back; real errors carry the right code.
#include <gtest/gtest.h>

#include <hamilton/hamilton.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support/build_error.hpp"

using hamilton::Builder;
using hamilton::ErrorCode;
using hamilton::Module;

namespace {

// Every enumerator with its spelling: the spellings are public (logs and other programs match
// on them), so changing one is a breaking change.
const std::vector<std::pair<ErrorCode, std::string_view>>& spellings() {
  static const std::vector<std::pair<ErrorCode, std::string_view>> all = {
      {ErrorCode::bad_node, "bad-node"},
      {ErrorCode::duplicate_node, "duplicate-node"},
      {ErrorCode::config_conflict, "config-conflict"},
      {ErrorCode::type_mismatch, "type-mismatch"},
      {ErrorCode::config_type, "config-type"},
      {ErrorCode::bound_value_type, "bound-value-type"},
      {ErrorCode::input_type_conflict, "input-type-conflict"},
      {ErrorCode::cycle, "cycle"},
      {ErrorCode::collect_outside_block, "collect-outside-block"},
      {ErrorCode::collect_type, "collect-type"},
      {ErrorCode::item_type, "item-type"},
      {ErrorCode::collect_in_own_block, "collect-in-own-block"},
      {ErrorCode::mixed_blocks, "mixed-blocks"},
      {ErrorCode::block_cycle, "block-cycle"},
      {ErrorCode::unknown_module, "unknown-module"},
      {ErrorCode::no_modules, "no-modules"},
      {ErrorCode::module_library_missing, "module-library-missing"},
      {ErrorCode::module_library_load, "module-library-load"},
      {ErrorCode::module_library_empty, "module-library-empty"},
      {ErrorCode::modifier, "modifier"},
      {ErrorCode::bad_modifier, "bad-modifier"},
      {ErrorCode::bad_name, "bad-name"},
      {ErrorCode::bad_tag, "bad-tag"},
      {ErrorCode::bad_binding, "bad-binding"},
      {ErrorCode::duplicate_binding, "duplicate-binding"},
      {ErrorCode::unknown_parameter, "unknown-parameter"},
      {ErrorCode::missing_config, "missing-config"},
      {ErrorCode::group_type, "group-type"},
      {ErrorCode::multiple_expanders, "multiple-expanders"},
      {ErrorCode::bad_return_type, "bad-return-type"},
      {ErrorCode::bad_fill, "bad-fill"},
      {ErrorCode::arity_mismatch, "arity-mismatch"},
      {ErrorCode::bad_step, "bad-step"},
      {ErrorCode::unknown_target, "unknown-target"},
      {ErrorCode::bad_input, "bad-input"},
      {ErrorCode::bad_validator, "bad-validator"},
      {ErrorCode::validator_type, "validator-type"},
      {ErrorCode::config, "config"},
      {ErrorCode::unknown_output, "unknown-output"},
      {ErrorCode::duplicate_output, "duplicate-output"},
      {ErrorCode::unknown_input, "unknown-input"},
      {ErrorCode::duplicate_input, "duplicate-input"},
      {ErrorCode::unknown_override, "unknown-override"},
      {ErrorCode::duplicate_override, "duplicate-override"},
      {ErrorCode::input_is_config, "input-is-config"},
      {ErrorCode::input_is_function, "input-is-function"},
      {ErrorCode::input_is_override, "input-is-override"},
      {ErrorCode::missing_input, "missing-input"},
      {ErrorCode::missing_override, "missing-override"},
      {ErrorCode::input_type, "input-type"},
      {ErrorCode::override_type, "override-type"},
      {ErrorCode::block_output, "block-output"},
      {ErrorCode::input_near_node, "input-near-node"},
      {ErrorCode::static_validation, "static-validation"},
      {ErrorCode::cache_option, "cache-option"},
  };
  return all;
}

}  // namespace

TEST(ErrorCode, EveryEnumeratorHasItsSpelling) {
  // the enumerators are 0 ... cache_option; the table lists each once, in order
  const int count = static_cast<int>(ErrorCode::cache_option) + 1;
  ASSERT_EQ(spellings().size(), static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    EXPECT_EQ(spellings()[i].first, static_cast<ErrorCode>(i)) << i;
    EXPECT_EQ(hamilton::to_string(spellings()[i].first), spellings()[i].second);
  }
  EXPECT_EQ(hamilton::to_string(static_cast<ErrorCode>(count)), "");
}

TEST(ErrorCode, RoundTripsThroughItsSpelling) {
  for (const auto& [code, spelling] : spellings()) {
    auto text = hamilton::to_string(code);
    EXPECT_EQ(hamilton::error_code_from_string(text), std::optional<ErrorCode>(code)) << text;
  }
  EXPECT_EQ(hamilton::error_code_from_string(""), std::nullopt);
  EXPECT_EQ(hamilton::error_code_from_string("no-such-code"), std::nullopt);
  EXPECT_EQ(hamilton::error_code_from_string("missing_input"), std::nullopt);
  EXPECT_EQ(hamilton::error_code_from_string("Cycle"), std::nullopt);
  EXPECT_EQ(hamilton::error_code_from_string("cycle "), std::nullopt);
}

TEST(ErrorCode, SpellingsAreUniqueLowercaseWords) {
  std::set<std::string_view> seen;
  for (const auto& [code, spelling] : spellings()) {
    auto text = hamilton::to_string(code);
    EXPECT_TRUE(seen.insert(text).second) << "spelled twice: " << text;
    ASSERT_FALSE(text.empty());
    EXPECT_NE(text.front(), '-') << text;
    EXPECT_NE(text.back(), '-') << text;
    for (char c : text) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '-') << text;
  }
}

TEST(ErrorCode, ACycleIsReportedAsCycle) {
  Module m("error_code_cycle");
  m.add("a", {"b"}, [](double b) { return b; });
  m.add("b", {"a"}, [](double a) { return a; });
  auto e = testing_support::build_error(Builder().with_modules(m));
  EXPECT_TRUE(e.has(ErrorCode::cycle)) << e.what();
  EXPECT_FALSE(e.has(ErrorCode::missing_input));
  ASSERT_EQ(e.problems().size(), 1u) << e.what();
  EXPECT_EQ(e.problems()[0].code, ErrorCode::cycle);
  EXPECT_EQ(hamilton::to_string(e.problems()[0].code), "cycle");
}

TEST(ErrorCode, AMissingInputIsReportedAsMissingInput) {
  Module m("error_code_missing_input");
  m.add("doubled", {"x"}, [](double x) { return 2 * x; });
  auto dr = Builder().with_modules(m).build();
  for (bool dry_run : {false, true}) {
    try {
      if (dry_run)
        dr.validate_execution({"doubled"});
      else
        (void)dr.execute({"doubled"});
      ADD_FAILURE() << "expected an InputError";
    } catch (const hamilton::InputError& e) {
      EXPECT_TRUE(e.has(ErrorCode::missing_input)) << e.what();
      EXPECT_FALSE(e.has(ErrorCode::cycle));
      ASSERT_EQ(e.problems().size(), 1u) << e.what();
      EXPECT_EQ(e.problems()[0].code, ErrorCode::missing_input);
      EXPECT_EQ(e.problems()[0].node, "x");
    }
  }
}

// Plan::execute by name picks the code from what is wrong: an input or an override.
TEST(ErrorCode, APlanNamesInputsAndOverridesApart) {
  Module m("error_code_plan");
  m.add("a", {"x"}, [](double x) { return x; });
  m.add("b", {"a"}, [](double a) { return 2 * a; });
  auto plan = Builder().with_modules(m).build().compile({"b"}, {"x"}, {"a"});
  auto code_of = [&](const hamilton::Inputs& inputs, const hamilton::Overrides& overrides) {
    try {
      (void)plan.execute(inputs, overrides);
    } catch (const hamilton::InputError& e) {
      EXPECT_EQ(e.problems().size(), 1u) << e.what();
      return hamilton::to_string(e.problems().at(0).code);
    }
    return std::string_view("(no error)");
  };
  const hamilton::Value one(1.0), text(std::string("one"));
  EXPECT_EQ(code_of({}, {{"a", one}}), "missing-input");
  EXPECT_EQ(code_of({{"x", one}}, {}), "missing-override");
  EXPECT_EQ(code_of({{"x", one}, {"y", one}}, {{"a", one}}), "unknown-input");
  EXPECT_EQ(code_of({{"x", one}}, {{"a", one}, {"c", one}}), "unknown-override");
  EXPECT_EQ(code_of({{"x", text}}, {{"a", one}}), "input-type");
  EXPECT_EQ(code_of({{"x", one}}, {{"a", text}}), "override-type");
  EXPECT_EQ(code_of({{"x", one}}, {{"a", one}}), "(no error)");
}

TEST(ErrorCode, AProblemIsAnAggregate) {
  hamilton::Problem p{ErrorCode::unknown_output, "spend", {}, {}, "no such output", "spent"};
  EXPECT_EQ(p.code, ErrorCode::unknown_output);
  EXPECT_EQ(p.to_string(), "node `spend`: no such output (did you mean `spent`?)");
  hamilton::InputError e({p});
  EXPECT_TRUE(e.has(ErrorCode::unknown_output));
}
