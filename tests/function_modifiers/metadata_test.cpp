// doc, tag and tag_outputs: values, reserved namespaces, key syntax.
#include <gmock/gmock.h>

#include "test_util.hpp"

using namespace hamilton;
using ::testing::HasSubstr;

HAMILTON_MODULE(fm_metadata_nodes);
NODE(double, tagged_node, (double x), doc("Twice x."),
     tag({{"owner", "fed"}, {"sources", {"crm", "web"}}})) {
  return 2 * x;
}

TEST(Tag, NodeMacroTagsAndDoc) {
  auto dr = Builder().with_modules("fm_metadata_nodes").build();
  auto v = dr.graph().variable("tagged_node");
  EXPECT_EQ(v.documentation, "Twice x.");
  EXPECT_EQ(v.tags.at("owner"), TagValues{"fed"});
  EXPECT_EQ(v.tags.at("sources"), (TagValues{"crm", "web"}));
  EXPECT_EQ(v.tags.at("module"), TagValues{"fm_metadata_nodes"});
  // tag filters see the tags
  auto found = dr.list_available_variables({{"owner", "fed"}});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].name, "tagged_node");
}

TEST(Tag, DottedKeysAreAllowed) {
  Module m("fm_tag_dotted");
  m.add("a", {}, [] { return 1.0; }, {tag("team.name", "growth")});
  auto dr = Builder().with_modules(m).build();
  EXPECT_EQ(dr.graph().variable("a").tags.at("team.name"), TagValues{"growth"});
}

class ReservedTag : public ::testing::TestWithParam<std::string> {};

TEST_P(ReservedTag, IsRefusedNamingNodeModifierAndRule) {
  Module m("fm_tag_reserved_" + GetParam());
  m.add("a", {}, [] { return 1.0; }, {tag(GetParam() + ".x", "v")});
  auto e = mtest::build_error(Builder().with_modules(m));
  const auto* p = mtest::find_problem(e, ErrorCode::bad_tag, "a");
  ASSERT_NE(p, nullptr) << e.what();
  EXPECT_THAT(p->message, HasSubstr("tag:"));
  EXPECT_THAT(p->message, HasSubstr("reserved namespace `" + GetParam() + "`"));
  EXPECT_THAT(std::string(e.what()), HasSubstr("node `a`"));
}

INSTANTIATE_TEST_SUITE_P(All, ReservedTag,
                         ::testing::Values("hamilton", "data_quality", "gdpr", "ccpa", "dag",
                                           "module", "ray_remote"));

TEST(Tag, BareReservedKeyIsRefused) {
  Module m("fm_tag_bare_module");
  m.add("a", {}, [] { return 1.0; }, {tag("module", "mine")});
  auto e = mtest::build_error(Builder().with_modules(m));
  ASSERT_NE(mtest::find_problem(e, ErrorCode::bad_tag, "a"), nullptr);
}

TEST(Tag, KeysMustBeDotSeparatedIdentifiers) {
  Module m("fm_tag_bad_keys");
  m.add("a", {}, [] { return 1.0; }, {tag("bad key", "v")});
  m.add("b", {}, [] { return 1.0; }, {tag("team..name", "v")});
  m.add("c", {}, [] { return 1.0; }, {tag("1st", "v")});
  auto e = mtest::build_error(Builder().with_modules(m));
  EXPECT_EQ(e.problems().size(), 3u);
  const auto* p = mtest::find_problem(e, ErrorCode::bad_tag, "a");
  ASSERT_NE(p, nullptr);
  EXPECT_THAT(p->message, HasSubstr("`bad key` is not a dot-separated list of identifiers"));
  ASSERT_NE(mtest::find_problem(e, ErrorCode::bad_tag, "b"), nullptr);
  ASSERT_NE(mtest::find_problem(e, ErrorCode::bad_tag, "c"), nullptr);
}

TEST(Tag, EmptyValueListIsRefused) {
  Module m("fm_tag_empty_values");
  m.add("a", {}, [] { return 1.0; }, {tag("owner", std::vector<std::string>{})});
  auto e = mtest::build_error(Builder().with_modules(m));
  const auto* p = mtest::find_problem(e, ErrorCode::bad_tag, "a");
  ASSERT_NE(p, nullptr);
  EXPECT_THAT(p->message, HasSubstr("empty list of values"));
}

TEST(TagOutputs, TagsIndividualFields) {
  Module m("fm_tag_outputs");
  m.add(
      "stats", {},
      [] {
        return Record{{"mean", 2.0}, {"count", std::int64_t{3}}};
      },
      {extract_fields(
           {{"mean", modifiers::type<double>()}, {"count", modifiers::type<std::int64_t>()}}),
       tag_outputs({{"mean", {{"owner", "fed"}}}, {"count", {{"owner", "ops"}, {"pii", "false"}}}}),
       tag("team", "growth")});
  auto dr = Builder().with_modules(m).build();
  EXPECT_EQ(dr.graph().variable("mean").tags.at("owner"), TagValues{"fed"});
  EXPECT_EQ(dr.graph().variable("count").tags.at("owner"), TagValues{"ops"});
  EXPECT_EQ(dr.graph().variable("count").tags.at("pii"), TagValues{"false"});
  EXPECT_EQ(dr.graph().variable("stats").tags.count("owner"), 0u);
  // plain tag applies to every node the function makes
  EXPECT_EQ(dr.graph().variable("stats").tags.at("team"), TagValues{"growth"});
  EXPECT_EQ(dr.graph().variable("mean").tags.at("team"), TagValues{"growth"});
}

TEST(TagOutputs, UnknownNodeAndReservedKeyAreErrors) {
  Module m("fm_tag_outputs_bad");
  m.add("a", {}, [] { return 1.0; },
        {tag_outputs({{"nope", {{"owner", "x"}}}}), tag_outputs({{"a", {{"dag.x", "y"}}}})});
  auto e = mtest::build_error(Builder().with_modules(m));
  const auto* p = mtest::find_problem(e, ErrorCode::unknown_output, "a");
  ASSERT_NE(p, nullptr) << e.what();
  EXPECT_THAT(
      p->message,
      HasSubstr("tag_outputs: names node `nope`, which this function does not make; it makes `a`"));
  ASSERT_NE(mtest::find_problem(e, ErrorCode::bad_tag, "a"), nullptr);
}

TEST(Doc, ReachesGeneratedNodes) {
  Module m("fm_doc_generated");
  m.add("x", {}, [] { return 1.0; }, {doc("An x."), check_output(dq::range(0.0, 2.0))});
  auto dr = Builder().with_modules(m).build();
  EXPECT_EQ(dr.graph().variable("x").documentation, "An x.");
  EXPECT_EQ(dr.graph().variable("x_raw").documentation, "An x.");
}

TEST(Version, SetsTheCodeVersionOfEveryNodeTheFunctionMakes) {
  Module m("fm_version");
  m.add("x", {}, [] { return 1.0; },
        {modifiers::version("2024-06"), check_output(dq::range(0.0, 2.0))});
  m.add("plain", {"x"}, [](double x) { return x; });
  auto dr = Builder().with_modules(m).build();
  EXPECT_EQ(dr.graph().variable("x").version, "2024-06");
  EXPECT_EQ(dr.graph().variable("x_raw").version, "2024-06");
  EXPECT_EQ(dr.graph().variable("plain").version, "");  // Module::add: no source file hash

  Module bad("fm_version_empty");
  bad.add("y", {}, [] { return 1.0; }, {modifiers::version("")});
  auto e = mtest::build_error(Builder().with_modules(bad));
  ASSERT_NE(mtest::find_problem(e, ErrorCode::bad_modifier, "y"), nullptr) << e.what();
  EXPECT_THAT(std::string(e.what()),
              HasSubstr("version: the code version is empty: give a non-empty string that "
                        "changes when what the node computes changes, e.g. version(\"2\")"));
}

TEST(SchemaOutput, TagsTheFinalNodeAndRefusesWhatIsNotAFrame) {
  Module ok("fm_schema_ok");
  ok.add("frame", {}, [] { return DataFrame(); }, {schema_output({{"a", "int"}, {"b", "str"}})});
  auto dr = Builder().with_modules(ok).build();
  EXPECT_EQ(mtest::variable(dr, "frame").tags.at("hamilton.internal.schema_output"),
            TagValues{"a=int,b=str"});

  Module scalar("fm_schema_scalar");
  scalar.add("x", {}, [] { return 1.0; }, {schema_output({{"a", "int"}})});
  auto e = mtest::build_error(Builder().with_modules(scalar));
  ASSERT_NE(mtest::find_problem(e, ErrorCode::bad_return_type, "x"), nullptr) << e.what();
  EXPECT_THAT(std::string(e.what()),
              HasSubstr("schema_output: `x` returns a double; schema_output describes the fields "
                        "of a hamilton::DataFrame"));

  Module bad("fm_schema_bad");
  bad.add("f", {}, [] { return DataFrame(); }, {schema_output({})});
  bad.add("g", {}, [] { return DataFrame(); }, {schema_output({{"a,b", "int"}})});
  bad.add("h", {}, [] { return DataFrame(); }, {schema_output({{"a", "int"}}, "nope")});
  auto b = std::string(mtest::build_error(Builder().with_modules(bad)).what());
  EXPECT_THAT(b, HasSubstr("lists no fields; give at least one (name, type)"));
  EXPECT_THAT(b, HasSubstr("field (`a,b`, `int`) needs a name without `=` or `,`"));
  EXPECT_THAT(b, HasSubstr("targets `nope`, which this function does not make; it makes `h`"));
}
