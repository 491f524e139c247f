// The Driver's picture and catalog methods (Hamilton's names) call into the tools layer.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <hamilton/hamilton.hpp>
#include <sstream>

namespace {
hamilton::Driver make_driver() {
  hamilton::Module m("driver_methods");
  m.add("spend_per_signup", {"spend", "signups"}, [](double s, double n) { return s / n; },
        {hamilton::doc("The cost per signup.")});
  m.add("doubled", {"spend_per_signup"}, [](double x) { return 2 * x; });
  return hamilton::Builder().with_modules(m).build();
}
std::string read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

TEST(DriverMethods, PicturesReturnDotAndWriteFilesBySuffix) {
  auto dr = make_driver();
  std::string all = dr.display_all_functions();
  for (const char* name : {"spend_per_signup", "doubled", "spend", "signups"})
    EXPECT_NE(all.find(name), std::string::npos) << name;
  auto dir = std::filesystem::path(::testing::TempDir());
  std::string dot = dr.visualize_execution({"doubled"}, (dir / "exec.dot").string(),
                                           {{"spend", 1.0}, {"signups", 2.0}});
  EXPECT_EQ(read(dir / "exec.dot"), dot);
  EXPECT_NE(dot.find("#FFC857"), std::string::npos);  // the requested output is highlighted
  dr.display_all_functions((dir / "all.svg").string());
  EXPECT_NE(read(dir / "all.svg").find("<svg"), std::string::npos);
  EXPECT_NE(dr.display_upstream_of({"doubled"}).find("spend_per_signup"), std::string::npos);
  std::string down = dr.display_downstream_of({"spend_per_signup"});
  EXPECT_NE(down.find("doubled"), std::string::npos);  // downstream
  EXPECT_NE(down.find("spend_per_signup"), std::string::npos);
  EXPECT_NE(dr.visualize_path_between("spend", "doubled").find("doubled"), std::string::npos);
  EXPECT_THROW(dr.visualize_execution({"doubled"}), hamilton::InputError);  // inputs missing
}

TEST(DriverMethods, CatalogAndExportExecution) {
  auto dr = make_driver();
  std::string json = dr.export_execution();
  EXPECT_NE(json.find("\"name\": \"spend_per_signup\""), std::string::npos) << json;
  EXPECT_NE(json.find("The cost per signup."), std::string::npos);
  auto path = std::filesystem::path(::testing::TempDir()) / "catalog.md";
  dr.export_catalog(path.string());
  EXPECT_NE(read(path).find("spend_per_signup"), std::string::npos);
}

TEST(DriverMethods, ParallelizableAndCollectAreDrawnLikeHamilton) {
  hamilton::Module m("fan_out_drawing");
  m.add("items", {"n"}, [](int n) {
    hamilton::Parallelizable<int> p;
    for (int i = 0; i < n; ++i) p.push_back(i);
    return p;
  });
  m.add("squared", {"items"}, [](int item) { return item * item; });
  m.add("total", {"squared"}, [](const hamilton::Collect<int>& all) {
    int s = 0;
    for (int x : all) s += x;
    return s;
  });
  auto dr = hamilton::Builder().with_modules(m).build();
  EXPECT_EQ(dr.execute({"total"}, {{"n", 4}}).get<int>("total"), 14);
  std::string dot = dr.display_all_functions();
  EXPECT_NE(dot.find("#56E39F"), std::string::npos) << dot;  // the expand node's border
  EXPECT_NE(dot.find("#EA5556"), std::string::npos);         // the collect node's border
  EXPECT_NE(dot.find("arrowhead=\"crow\""), std::string::npos);
  EXPECT_NE(dot.find("arrowtail=\"crow\""), std::string::npos);
}
