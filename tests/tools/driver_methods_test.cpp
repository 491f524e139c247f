// Hamilton's Driver picture and catalog methods, as the tools layer's functions of a Driver.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <hamilton/hamilton.hpp>
#include <hamilton/tools/catalog.hpp>
#include <hamilton/tools/visualize.hpp>
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
  std::string all = hamilton::tools::display_all_functions(dr);
  for (const char* name : {"spend_per_signup", "doubled", "spend", "signups"})
    EXPECT_NE(all.find(name), std::string::npos) << name;
  auto dir = std::filesystem::path(::testing::TempDir());
  std::string dot = hamilton::tools::visualize_execution(dr, {"doubled"}, (dir / "exec.dot").string(),
                                           {"spend", "signups"});
  EXPECT_EQ(read(dir / "exec.dot"), dot);
  EXPECT_NE(dot.find("#FFC857"), std::string::npos);  // the requested output is highlighted
  hamilton::tools::display_all_functions(dr, (dir / "all.svg").string());
  EXPECT_NE(read(dir / "all.svg").find("<svg"), std::string::npos);
  EXPECT_NE(hamilton::tools::display_upstream_of(dr, {"doubled"}).find("spend_per_signup"), std::string::npos);
  std::string down = hamilton::tools::display_downstream_of(dr, {"spend_per_signup"});
  EXPECT_NE(down.find("doubled"), std::string::npos);  // downstream
  EXPECT_NE(down.find("spend_per_signup"), std::string::npos);
  EXPECT_NE(hamilton::tools::visualize_path_between(dr, "spend", "doubled").find("doubled"), std::string::npos);
  EXPECT_THROW(hamilton::tools::visualize_execution(dr, {"doubled"}), hamilton::InputError);  // inputs missing
}

TEST(DriverMethods, CatalogAndExportExecution) {
  auto dr = make_driver();
  std::string json = hamilton::tools::catalog_json(dr.graph());
  EXPECT_NE(json.find("\"name\": \"spend_per_signup\""), std::string::npos) << json;
  EXPECT_NE(json.find("The cost per signup."), std::string::npos);
  auto path = std::filesystem::path(::testing::TempDir()) / "catalog.md";
  hamilton::tools::write_catalog(dr.graph(), path);
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
  std::string dot = hamilton::tools::display_all_functions(dr);
  EXPECT_NE(dot.find("#56E39F"), std::string::npos) << dot;  // the expand node's border
  EXPECT_NE(dot.find("#EA5556"), std::string::npos);         // the collect node's border
  EXPECT_NE(dot.find("arrowhead=\"crow\""), std::string::npos);
  EXPECT_NE(dot.find("arrowtail=\"crow\""), std::string::npos);
}
