// Reading parameter names from NODE's stringized parameter list.
#include <gtest/gtest.h>

#include <hamilton/hamilton.hpp>

using hamilton::detail::parse_parameter_names;

namespace {
std::vector<std::string> names(const char* list) {
  auto parsed = parse_parameter_names(list);
  EXPECT_EQ(parsed.error, "") << list;
  return parsed.names;
}
std::string error(const char* list) {
  auto parsed = parse_parameter_names(list);
  EXPECT_NE(parsed.error, "") << list;
  return parsed.error;
}
}  // namespace

TEST(ParameterNames, SimpleAndEmpty) {
  EXPECT_EQ(names("()"), std::vector<std::string>{});
  EXPECT_EQ(names("(void)"), std::vector<std::string>{});
  EXPECT_EQ(names("(double x)"), (std::vector<std::string>{"x"}));
  EXPECT_EQ(names("( const Series & spend , const Series& signups )"),
            (std::vector<std::string>{"spend", "signups"}));
}

TEST(ParameterNames, TemplatesWithCommasAndNestedBrackets) {
  EXPECT_EQ(names("(const std::map<std::string, std::vector<double>>& table, int n)"),
            (std::vector<std::string>{"table", "n"}));
  EXPECT_EQ(names("(std::tuple<int, std::pair<double, char>> t)"), (std::vector<std::string>{"t"}));
  EXPECT_EQ(names("(const std::function<double(int, double)>& f, double g)"),
            (std::vector<std::string>{"f", "g"}));
  EXPECT_EQ(names("(std::array<int, (3 > 2 ? 4 : 5)> a)"), (std::vector<std::string>{"a"}));
  EXPECT_EQ(names("(std::vector<std::vector<int> > nested)"), (std::vector<std::string>{"nested"}));
}

TEST(ParameterNames, ReferencesPointersAndQualifiers) {
  EXPECT_EQ(names("(std::string&& moved, const int* const ptr, volatile long v, unsigned u)"),
            (std::vector<std::string>{"moved", "ptr", "v", "u"}));
  EXPECT_EQ(names("(const std::optional<double>& maybe)"), (std::vector<std::string>{"maybe"}));
  EXPECT_EQ(names("(double (*fn)(int, int), int arr[3])"), (std::vector<std::string>{"fn", "arr"}));
}

TEST(ParameterNames, DefaultArgumentsAreRejected) {
  auto e = error("(double x, int n = 3)");
  EXPECT_NE(e.find("parameter `n` has a default argument"), std::string::npos) << e;
  EXPECT_NE(e.find("std::optional<T>"), std::string::npos) << e;
  // comparisons inside brackets are not default arguments
  EXPECT_EQ(names("(std::array<int, (1 <= 2)> a, std::array<int, (1 == 1)> b)"),
            (std::vector<std::string>{"a", "b"}));
}

TEST(ParameterNames, UnnamedParametersAreRejected) {
  for (const char* list : {"(const Series&)", "(double)", "(std::string)", "(const Series)",
                           "(std::vector<double>)", "(double x, int)", "(unsigned int)"}) {
    auto e = error(list);
    EXPECT_NE(e.find("has no name"), std::string::npos) << list << ": " << e;
  }
}

TEST(ParameterNames, DuplicatesAndMissingParentheses) {
  EXPECT_NE(error("(double x, double x)").find("appears twice"), std::string::npos);
  EXPECT_NE(error("double x").find("in parentheses"), std::string::npos);
  EXPECT_NE(error("(double x,)").find("is empty"), std::string::npos);
}
