// NODEs whose parameter lists use the harder corners of C++ declarator syntax: the graph gets
// the right parameter names (read from the text) and types (from the function type).
#include <gtest/gtest.h>

#include <array>
#include <hamilton/hamilton.hpp>
#include <type_traits>

HAMILTON_MODULE(declarator_nodes);

namespace {
int twice(int x) { return 2 * x; }
}  // namespace

NODE(int, applied, (int (*const fp)(int), int x)) { return fp(x); }

NODE(int, array_sum, (const std::array<int, 1 << 2>& quad, int offset)) {
  return quad[0] + quad[1] + quad[2] + quad[3] + offset;
}

NODE(long, picked, (std::conditional_t<sizeof(int) >= 4, int, long> wide, int offset)) {
  return wide + offset;
}

NODE(int, attributed, ([[maybe_unused]] int unused_a, int kept [[maybe_unused]])) { return kept; }

NODE(int, no_throw, (int kept, int offset) noexcept) { return kept + offset; }

TEST(DeclaratorNodes, NamesComeFromTheTextAndTypesFromTheFunction) {
  auto dr = hamilton::Builder().with_modules("declarator_nodes").build();
  const auto& g = dr.graph();
  using IntFn = int (*)(int);
  EXPECT_EQ(g.variable("applied").required_dependencies, (std::vector<std::string>{"fp", "x"}));
  EXPECT_TRUE(*g.variable("fp").type == hamilton::TypeInfo::of<IntFn>());
  EXPECT_EQ(g.variable("array_sum").required_dependencies,
            (std::vector<std::string>{"quad", "offset"}));
  EXPECT_TRUE(*g.variable("quad").type == (hamilton::TypeInfo::of<std::array<int, 4>>()));
  EXPECT_EQ(g.variable("picked").required_dependencies,
            (std::vector<std::string>{"wide", "offset"}));
  EXPECT_TRUE(*g.variable("wide").type == hamilton::TypeInfo::of<int>());
  EXPECT_EQ(g.variable("attributed").required_dependencies,
            (std::vector<std::string>{"unused_a", "kept"}));
  EXPECT_EQ(g.variable("no_throw").required_dependencies,
            (std::vector<std::string>{"kept", "offset"}));

  IntFn fp = &twice;
  auto r = dr.execute({"applied", "array_sum", "picked", "attributed", "no_throw"},
                      {{"fp", fp},
                       {"x", 21},
                       {"quad", std::array<int, 4>{1, 2, 3, 4}},
                       {"offset", 100},
                       {"wide", 5},
                       {"unused_a", 0},
                       {"kept", 7}});
  EXPECT_EQ(r.get<int>("applied"), 42);
  EXPECT_EQ(r.get<int>("array_sum"), 110);
  EXPECT_EQ(r.get<long>("picked"), 105);
  EXPECT_EQ(r.get<int>("attributed"), 7);
  EXPECT_EQ(r.get<int>("no_throw"), 107);
}
