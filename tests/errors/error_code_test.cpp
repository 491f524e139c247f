// ErrorCode: each code has one spelling, which reads back.
#include <gtest/gtest.h>

#include <hamilton/hamilton.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using hamilton::ErrorCode;

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
  };
  return all;
}

}  // namespace

TEST(ErrorCode, EveryEnumeratorHasItsSpelling) {
  // the enumerators are 0 ... block_output; the table lists each once, in order
  const int count = static_cast<int>(ErrorCode::block_output) + 1;
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
