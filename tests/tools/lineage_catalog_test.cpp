#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <hamilton/tools/catalog.hpp>
#include <hamilton/graph/lineage.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tools_fixture.hpp"

using namespace hamilton::tools;
using namespace hamilton::lineage;
using testing::ElementsAre;
using testing::HasSubstr;
using testing::UnorderedElementsAre;

TEST(Lineage, DownstreamOfTaggedNodes) {
  auto dr = hello_driver();
  auto pii = names_of(downstream_of_tagged(dr.graph(), {{"pii", "true"}}));
  EXPECT_THAT(pii, UnorderedElementsAre("spend_per_signup"));
  EXPECT_TRUE(downstream_of_tagged(dr.graph(), {{"pii", "false"}}).empty());
  auto up = names_of(upstream_of_tagged(dr.graph(), {{"owner", "growth"}}));
  EXPECT_THAT(up, UnorderedElementsAre("spend", "signups", "spend_per_signup"));
}

TEST(Lineage, QueriesWithKeepFilters) {
  auto dr = hello_driver();
  auto owned = names_of(downstream_of(dr.graph(), {"spend"}, {{"owner", hamilton::TagMatch::any()}}));
  EXPECT_THAT(owned, UnorderedElementsAre("avg_3wk_spend", "spend_per_signup"));
  auto all_up = names_of(upstream_of(dr.graph(), {"spend_zero_mean_unit_variance"}));
  EXPECT_THAT(all_up, UnorderedElementsAre("spend", "spend_mean_raw", "spend_mean_range_validator",
                                           "spend_mean", "spend_zero_mean", "spend_std_dev",
                                           "spend_zero_mean_unit_variance"));
  auto path = names_of(path_between(dr.graph(), "spend", "spend_zero_mean"));
  EXPECT_THAT(path, UnorderedElementsAre("spend", "spend_mean_raw", "spend_mean_range_validator",
                                         "spend_mean", "spend_zero_mean"));
  EXPECT_TRUE(path_between(dr.graph(), "spend_zero_mean", "spend").empty());
  EXPECT_THROW(upstream_of(dr.graph(), {"nope"}), hamilton::UnknownNodeError);
  EXPECT_THROW(downstream_of(dr.graph(), {"spend"}, {{"owner", std::vector<std::string>{}}}), hamilton::Error);
}

TEST(Lineage, OutputsAffectedByAChange) {
  auto dr = hello_driver();
  std::vector<std::string> outputs{"avg_3wk_spend", "spend_per_signup", "spend_zero_mean", "with_bonus"};
  EXPECT_THAT(outputs_affected_by(dr.graph(), {"signups"}, outputs), ElementsAre("spend_per_signup"));
  EXPECT_THAT(outputs_affected_by(dr.graph(), {"spend_mean"}, outputs),
              ElementsAre("spend_zero_mean", "with_bonus"));
  EXPECT_THAT(outputs_affected_by(dr.graph(), {"spend"}, outputs), ElementsAre("avg_3wk_spend", "spend_per_signup", "spend_zero_mean", "with_bonus"));
  EXPECT_THAT(names_of(sources_of(dr.graph(), {"scaled_spend"})), UnorderedElementsAre("spend", "scale"));
}

TEST(Catalog, EntriesSortedWithChecksAndConsumers) {
  auto dr = hello_driver();
  auto entries = catalog_entries(dr.graph());
  ASSERT_FALSE(entries.empty());
  for (std::size_t i = 1; i < entries.size(); ++i) EXPECT_LT(entries[i - 1].node.name, entries[i].node.name);
  auto find = [&](const std::string& n) {
    for (const auto& e : entries)
      if (e.node.name == n) return e;
    ADD_FAILURE() << n;
    return entries[0];
  };
  EXPECT_THAT(find("spend_mean").data_quality_checks, ElementsAre("spend_mean_range_validator"));
  EXPECT_TRUE(find("spend_mean_raw").data_quality_checks.empty());
  EXPECT_THAT(find("spend_mean").consumers, ElementsAre("spend_zero_mean", "with_bonus"));
  EXPECT_EQ(find("scale").config_value, "2.5");
}

TEST(Catalog, Json) {
  auto dr = hello_driver();
  std::string j = catalog_json(dr.graph());
  EXPECT_THAT(j, HasSubstr("\"name\": \"spend_per_signup\""));
  EXPECT_THAT(j, HasSubstr("\"data_quality_checks\": [\n        \"spend_mean_range_validator\"\n      ]"));
  EXPECT_THAT(j, HasSubstr("\"pii\": \"true\""));
  EXPECT_THAT(j, HasSubstr("\"module\": \"my_stats\""));
  EXPECT_THAT(j, HasSubstr("\"role\": \"config\""));
  EXPECT_THAT(j, HasSubstr("\"optional_dependencies\": [\n        \"bonus\"\n      ]"));
  EXPECT_THAT(j, HasSubstr("\"file\": "));
  EXPECT_THAT(j, HasSubstr("\"version\": \"3\""));      // spend_std_dev's version("3")
  EXPECT_THAT(j, HasSubstr("\"version\": \"spend\""));  // an input's version is its name
  EXPECT_THAT(j, HasSubstr("\"version\": null"));       // Module::add without version()
  EXPECT_LT(j.find("\"name\": \"avg_3wk_spend\""), j.find("\"name\": \"bonus\""));
}

TEST(Catalog, Markdown) {
  auto dr = hello_driver();
  std::string md = catalog_markdown(dr.graph(), "Hello catalog");
  EXPECT_THAT(md, HasSubstr("# Hello catalog"));
  EXPECT_THAT(md, HasSubstr("| [spend_mean](#spend_mean) | `double` | function | my_stats | Mean spend. |"));
  EXPECT_THAT(md, HasSubstr("## spend_zero_mean\n"));
  EXPECT_THAT(md, HasSubstr("- requires: [spend](#spend), [spend_mean](#spend_mean)"));
  EXPECT_THAT(md, HasSubstr("- used by: [spend_zero_mean](#spend_zero_mean), [with_bonus](#with_bonus)"));
  EXPECT_THAT(md, HasSubstr("Spend &lt;scaled&gt; & shifted."));
  EXPECT_THAT(md, HasSubstr("tools_fixture.hpp:25`\n- version: `3`\n"));
}

TEST(Catalog, HtmlIsSelfContained) {
  auto dr = hello_driver();
  std::string html = catalog_html(dr.graph());
  EXPECT_THAT(html, HasSubstr("<section class=\"node role-function\" id=\"node-spend_zero_mean\""));
  EXPECT_THAT(html, HasSubstr("<a class=\"up\" href=\"#node-spend_mean\">spend_mean</a>"));
  EXPECT_THAT(html, HasSubstr("<a class=\"down\" href=\"#node-spend_zero_mean_unit_variance\">"));
  EXPECT_THAT(html, HasSubstr("Spend &lt;scaled&gt; &amp; shifted."));
  EXPECT_THAT(html, HasSubstr(" &middot; version <code>3</code></div>"));
  EXPECT_THAT(html, HasSubstr("<script>"));
  EXPECT_THAT(html, testing::Not(HasSubstr("http://")));
  EXPECT_THAT(html, testing::Not(HasSubstr("https://")));
  EXPECT_THAT(html, testing::Not(HasSubstr("src=")));
}

TEST(Catalog, WriteBySuffixAndErrors) {
  auto dr = hello_driver();
  auto dir = std::filesystem::temp_directory_path() / "hamilton_catalog_test";
  std::filesystem::create_directories(dir);
  for (const char* name : {"c.json", "c.md", "c.html"}) {
    write_catalog(dr.graph(), dir / name);
    EXPECT_GT(std::filesystem::file_size(dir / name), 100u) << name;
  }
  try {
    write_catalog(dr.graph(), dir / "c.txt");
    FAIL();
  } catch (const CatalogError& e) {
    EXPECT_THAT(e.what(), HasSubstr(".json, .md or .html"));
  }
  EXPECT_THROW(write_catalog(dr.graph(), "/nonexistent/dir/c.md"), CatalogError);
  std::filesystem::remove_all(dir);
}
