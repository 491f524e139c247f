// The tools' writers on a full disk, text that is not UTF-8, and DOT attributes that try to
// inject DOT.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <hamilton/tools/catalog.hpp>
#include <hamilton/tools/visualize.hpp>
#include <string>

#include "tools_fixture.hpp"

using namespace hamilton::tools;
using testing::HasSubstr;
using testing::Not;

namespace {

const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

struct FullDisk {
  FullDisk() {
    dir = std::filesystem::temp_directory_path() / ("hamilton_full_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
  }
  ~FullDisk() { std::filesystem::remove_all(dir); }
  // `name` in the folder, a symbolic link to /dev/full (every write fails with ENOSPC).
  std::filesystem::path file(const std::string& name) const {
    std::filesystem::create_symlink("/dev/full", dir / name);
    return dir / name;
  }
  std::filesystem::path dir;
};

// A graph whose doc, tag and config value hold Latin-1 bytes (not UTF-8).
hamilton::Driver latin1_driver() {
  hamilton::Module m("latin1");
  m.add("greeting", {"label"}, [](const std::string& s) { return s; },
        {hamilton::doc("Caf\xe9 au lait."), hamilton::tag("owner", "J\xfcrgen")});
  return hamilton::Builder()
      .with_modules(m)
      .with_config({{"label", std::string("\xff\xfe")}})
      .build();
}

}  // namespace

TEST(Writers, CatalogOnAFullDiskThrowsNamingTheFileAndTheReason) {
  auto dr = hello_driver();
  FullDisk disk;
  for (const char* name : {"c.json", "c.md", "c.html"}) {
    auto path = disk.file(name);
    try {
      write_catalog(dr.graph(), path);
      ADD_FAILURE() << name << ": no error";
    } catch (const CatalogError& e) {
      EXPECT_THAT(e.what(),
                  HasSubstr("cannot write `" + path.string() + "`: No space left on device"));
    }
  }
}

TEST(Writers, DrawingsOnAFullDiskThrowNamingTheFileAndTheReason) {
  auto dr = hello_driver();
  std::string dot = dot_all_functions(dr.graph());
  FullDisk disk;
  for (const char* name : {"d.dot", "d.gv", "d.svg", "d.png"}) {
    auto path = disk.file(name);
    try {
      write_drawing(dot, path);
      ADD_FAILURE() << name << ": no error";
    } catch (const DrawingError& e) {
      EXPECT_THAT(e.what(),
                  HasSubstr("cannot write `" + path.string() + "`: No space left on device"));
    }
  }
  EXPECT_THROW(display_all_functions(dr, disk.file("all.svg")), DrawingError);
}

TEST(Writers, InvalidUtf8IsReplacedInTheCatalogAndTheDrawing) {
  auto dr = latin1_driver();
  std::string json;
  ASSERT_NO_THROW(json = catalog_json(dr.graph()));  // was nlohmann::type_error
  EXPECT_THAT(json, HasSubstr("\"documentation\": \"Caf" + kReplacement + " au lait.\""));
  EXPECT_THAT(json, HasSubstr("\"owner\": \"J" + kReplacement + "rgen\""));
  EXPECT_THAT(json, HasSubstr("\"value\": \"" + kReplacement + kReplacement + "\""));
  std::string html;
  ASSERT_NO_THROW(html = catalog_html(dr.graph()));
  EXPECT_THAT(html, HasSubstr("<div class=\"doc\">Caf" + kReplacement + " au lait.</div>"));
  EXPECT_THAT(html, Not(HasSubstr("\xe9")));
  std::string md = catalog_markdown(dr.graph());
  EXPECT_THAT(md, HasSubstr("Caf" + kReplacement + " au lait."));
  EXPECT_THAT(md, Not(HasSubstr("\xfc")));
  // the config value is drawn: Graphviz gets UTF-8 and renders it
  std::string dot = dot_all_functions(dr.graph());
  EXPECT_THAT(dot, HasSubstr(kReplacement + kReplacement));
  EXPECT_THAT(dot, Not(HasSubstr("\xff")));
  EXPECT_THAT(render_drawing(dot, "svg"), HasSubstr("<svg"));
}

TEST(Writers, DotAttributeNamesThatAreNoIdentifiersAreRefused) {
  auto dr = hello_driver();
  VizOptions o;
  o.graph_attributes["bgcolor=\"red\"] \"injected\" [shape=box] graph [x"] = "y";
  try {
    dot_all_functions(dr.graph(), o);
    FAIL() << "an attribute name that injects DOT was accepted";
  } catch (const hamilton::Error& e) {
    EXPECT_THAT(e.what(),
                HasSubstr("VizOptions::graph_attributes: `bgcolor=\"red\"] \"injected\""));
    EXPECT_THAT(e.what(), HasSubstr("is not a Graphviz attribute name"));
  }
  VizOptions styled;
  styled.style = [](const hamilton::Variable&, std::string_view) {
    CustomStyle s;
    s.attributes["color\"] x [y"] = "red";
    return s;
  };
  try {
    dot_all_functions(dr.graph(), styled);
    FAIL() << "a style attribute name that injects DOT was accepted";
  } catch (const hamilton::Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("VizOptions::style for node `"));
    EXPECT_THAT(e.what(), HasSubstr("`color\"] x [y` is not a Graphviz attribute name"));
  }
}

TEST(Writers, DotValuesThatTryToInjectStayValues) {
  auto dr = hello_driver();
  VizOptions o;
  const std::string evil = "x\"] \"injected\" [shape=box] \"a\" -> \"b";
  o.graph_attributes["label"] = evil;
  o.graph_attributes["comment"] = "ends in a backslash\\";
  o.style = [&](const hamilton::Variable& v, std::string_view) {
    CustomStyle s;
    if (v.name == "spend_mean") {
      s.attributes["tooltip"] = evil;
      s.legend_name = evil;  // the legend's node id and label
    }
    return s;
  };
  std::string dot = dot_all_functions(dr.graph(), o);
  // Graphviz reads it as the same graph: no node `injected`, no edge a -> b
  std::string canon = render_drawing(dot, "canon");
  EXPECT_THAT(canon, Not(HasSubstr("\n\tinjected")));
  EXPECT_THAT(canon, Not(HasSubstr("\ta -> b")));
  EXPECT_THAT(canon, HasSubstr("spend_mean"));
  EXPECT_THAT(canon, HasSubstr("spend_zero_mean_unit_variance"));
  EXPECT_THAT(canon, HasSubstr("ends in a backslash"));
}
