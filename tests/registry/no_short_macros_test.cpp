// With HAMILTON_NO_SHORT_MACROS, NODE is left free for the user's own code.
#define HAMILTON_NO_SHORT_MACROS
#include <gtest/gtest.h>

#include <hamilton/hamilton.hpp>

#ifdef NODE
#error "NODE must not be defined when HAMILTON_NO_SHORT_MACROS is"
#endif
#define NODE "the user's own NODE"

HAMILTON_MODULE(long_macro_module);
HAMILTON_NODE(int, long_macro_answer, ()) { return 42; }

TEST(NoShortMacros, HamiltonNodeStillWorks) {
  EXPECT_STREQ(NODE, "the user's own NODE");
  auto dr = hamilton::Builder().with_modules("long_macro_module").build();
  EXPECT_EQ(dr.execute({"long_macro_answer"}).get<int>("long_macro_answer"), 42);
}
