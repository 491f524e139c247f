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

// Declarators with parentheses: the name is the declarator-id, wherever the parentheses put it.
TEST(ParameterNames, FunctionPointerDeclaratorsWithQualifiersAndNesting) {
  EXPECT_EQ(names("(int (*const fp)(int))"), (std::vector<std::string>{"fp"}));
  EXPECT_EQ(names("(int (* const volatile fp)(int), int x)"),
            (std::vector<std::string>{"fp", "x"}));
  EXPECT_EQ(names("(int (&ref)(int))"), (std::vector<std::string>{"ref"}));
  EXPECT_EQ(names("(void (*(*signal)(int, void (*)(int)))(int))"),
            (std::vector<std::string>{"signal"}));
  EXPECT_EQ(names("(int (&row)[3], int (*grid)[4][5])"), (std::vector<std::string>{"row", "grid"}));
  EXPECT_EQ(names("(int (S::*member), double (S::*method)(int) const)"),
            (std::vector<std::string>{"member", "method"}));
  EXPECT_EQ(names("(int (*fp)(int) noexcept, int f(double))"),
            (std::vector<std::string>{"fp", "f"}));
  // unnamed ones stay unnamed
  for (const char* list : {"(int (*)(int))", "(int (*const)(int))", "(int (&)[3])", "(int(int))"}) {
    auto e = error(list);
    EXPECT_NE(e.find("has no name"), std::string::npos) << list << ": " << e;
  }
}

// `<` and `>` are template brackets only where C++ reads them so: `<<`, `<=`, `>=`, `->` are
// operators, `>>` closes two templates, `<` after a number or `)` compares.
TEST(ParameterNames, ShiftsAndComparisonsInsideTemplateArguments) {
  EXPECT_EQ(names("(std::array<int, 1 << 2> a, int b)"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(names("(std::conditional_t<sizeof(int) >= 4, int, long> c, double d)"),
            (std::vector<std::string>{"c", "d"}));
  EXPECT_EQ(names("(std::array<int, 1 < 2> lt, std::array<int, 2 <= 3> le, int z)"),
            (std::vector<std::string>{"lt", "le", "z"}));
  EXPECT_EQ(names("(std::function<auto(int)->int> f, int g)"),
            (std::vector<std::string>{"f", "g"}));
  EXPECT_EQ(names("(std::vector<std::vector<int>> v, std::map<int, std::map<int, int>> m)"),
            (std::vector<std::string>{"v", "m"}));
  EXPECT_EQ(names("(std::array<int, 1'000> sep, std::integral_constant<char, '>'> gt, "
                  "std::integral_constant<char, ','> comma, int last)"),
            (std::vector<std::string>{"sep", "gt", "comma", "last"}));
  EXPECT_EQ(names("(Tag<\"a,b>\"> s, int t)"), (std::vector<std::string>{"s", "t"}));
  // a default argument after such a type is still found
  auto e = error("(std::conditional_t<sizeof(int) >= 4, int, long> c = 1)");
  EXPECT_NE(e.find("parameter `c` has a default argument"), std::string::npos) << e;
}

TEST(ParameterNames, AttributesOnParameters) {
  EXPECT_EQ(names("([[maybe_unused]] const Series& spend, int n [[maybe_unused]])"),
            (std::vector<std::string>{"spend", "n"}));
  EXPECT_EQ(names("([[maybe_unused, gnu::unused]] int a, [[deprecated(\"x, y\")]] int b)"),
            (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(names("(int c __attribute__((unused)), int d)"), (std::vector<std::string>{"c", "d"}));
  auto e = error("([[maybe_unused]] const Series&)");
  EXPECT_NE(e.find("parameter 1 (`[[maybe_unused]] const Series&`) has no name"), std::string::npos)
      << e;
}

TEST(ParameterNames, TrailingNoexceptAndReturnType) {
  EXPECT_EQ(names("(double x) noexcept"), (std::vector<std::string>{"x"}));
  EXPECT_EQ(names("(double x, int y) noexcept(true)"), (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(names("(double x) noexcept(sizeof(int) > 2) -> double"),
            (std::vector<std::string>{"x"}));
  EXPECT_EQ(names("() noexcept"), std::vector<std::string>{});
  auto e = error("(double x) const");
  EXPECT_NE(e.find("after the parameter list `(double x)`"), std::string::npos) << e;
  EXPECT_NE(e.find("`const`"), std::string::npos) << e;
}

TEST(ParameterNames, ElaboratedAndKeywordTypesHaveNoName) {
  for (const char* list : {"(struct Point)", "(const struct Point)", "(enum Color)",
                           "(unsigned long long)", "(class Widget&)", "(typename T::type)"}) {
    auto e = error(list);
    EXPECT_NE(e.find("has no name"), std::string::npos) << list << ": " << e;
  }
  EXPECT_EQ(names("(struct Point p, enum Color c, unsigned long long n)"),
            (std::vector<std::string>{"p", "c", "n"}));
}

TEST(ParameterNames, UnsupportedTextGetsAClearMessage) {
  // a `<` comparison after a name cannot be told from a template: C++ itself needs to know
  // whether the name is a template
  auto e = error("(std::array<int, N < 2> a, int b)");
  EXPECT_NE(e.find("unclosed `<`"), std::string::npos) << e;
  EXPECT_NE(e.find("(N < 2)"), std::string::npos) << e;
  e = error("(int x))");
  EXPECT_NE(e.find("unbalanced"), std::string::npos) << e;
  e = error("(std::string s = \"abc)");
  EXPECT_NE(e.find("unterminated"), std::string::npos) << e;
  // deeply nested text is refused, not recursed into
  std::string deep = "(int " + std::string(100000, '(') + "x" + std::string(100000, ')') + ")";
  auto parsed = parse_parameter_names(deep);
  EXPECT_NE(parsed.error.find("nested too deeply"), std::string::npos)
      << parsed.error.substr(0, 200);
  EXPECT_LT(parsed.error.size(), 1000u);
}
