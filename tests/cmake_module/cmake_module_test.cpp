#include <gtest/gtest.h>

#include <hamilton/hamilton.hpp>

// Nothing in this file refers to either module: only the linking decides what registers.
TEST(HamiltonAddModule, ObjectLibraryModulesAlwaysRegister) {
  auto dr = hamilton::Builder().with_modules("kept_module").build();
  EXPECT_EQ(dr.execute({"kept_answer"}).get<int>("kept_answer"), 42);
}

TEST(HamiltonAddModule, PlainStaticLibraryRegistrationsAreDroppedByTheLinker) {
  // This is why hamilton_add_module exists: the static library's object file is not
  // referenced, so the linker leaves it (and its registrations) out.
  EXPECT_FALSE(hamilton::find_module("dropped_module").has_value());
  try {
    hamilton::Builder().with_modules("dropped_module").build();
    FAIL();
  } catch (const hamilton::GraphError& e) {
    EXPECT_NE(std::string(e.what()).find("hamilton_add_module in CMake"), std::string::npos);
  }
}
