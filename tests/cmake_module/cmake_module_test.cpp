#include <gtest/gtest.h>

#include <cstdio>
#include <hamilton/hamilton.hpp>
#include <map>
#include <string>

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

// Each file hamilton_add_module compiles gets its SHA-256 as HAMILTON_SOURCE_HASH: the code
// version of its nodes (checked against sha256sum), unless `version("...")` sets one.
TEST(HamiltonAddModule, NodesAreVersionedByTheirFilesHash) {
  std::string expected;
  FILE* p = ::popen("sha256sum '" KEPT_MODULE_SOURCE "'", "r");
  ASSERT_NE(p, nullptr);
  char buf[128] = {};
  ASSERT_NE(std::fgets(buf, sizeof buf, p), nullptr);
  ::pclose(p);
  expected.assign(buf, 64);
  auto dr = hamilton::Builder().with_modules("kept_module").build();
  std::map<std::string, std::string> versions;
  for (const auto& v : dr.list_available_variables()) versions[v.name] = v.version;
  EXPECT_EQ(versions.at("kept_answer"), expected);
  EXPECT_EQ(versions.at("kept_plus"), "7");
  EXPECT_EQ(versions.at("base"), "base");  // an input's version is its name, as in Hamilton
}
