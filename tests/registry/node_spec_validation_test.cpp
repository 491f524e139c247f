// Module::add(NodeSpec) checks what it is given: a spec that would crash or misbehave later (no
// callable, a null type, a callable taking other arguments than the declared parameters, a name
// that is not a valid node name ...) is reported when a graph is built, in one GraphError naming
// every bad spec with its module and file:line.
#include <gtest/gtest.h>

#include <hamilton/hamilton.hpp>
#include <string>

using hamilton::ErrorCode;
using hamilton::NodeSpec;
using hamilton::Parameter;
using hamilton::TypeInfo;
using hamilton::Value;

namespace {

// A type-erased callable returning its first argument plus one.
hamilton::Callable plus_one() {
  return hamilton::Callable(std::make_shared<int>(0),
                            [](const void*, const Value* slots, const std::uint32_t* args) {
                              return Value(slots[args[0]].get<double>() + 1);
                            });
}

Parameter param(std::string name, const TypeInfo* type = &TypeInfo::of<double>()) {
  Parameter p;
  p.name = std::move(name);
  p.type = type;
  return p;
}

NodeSpec erased(std::string name) {
  NodeSpec spec;
  spec.name = std::move(name);
  spec.type = &TypeInfo::of<double>();
  spec.parameters.push_back(param("x"));
  spec.callable = plus_one();
  return spec;
}

const hamilton::Problem* find(const hamilton::GraphError& e, const std::string& node,
                              const std::string& text) {
  for (const auto& p : e.problems())
    if (p.node == node && p.message.find(text) != std::string::npos) return &p;
  return nullptr;
}

std::string source_file() {
  return std::string(__FILE__).substr(std::string(__FILE__).rfind('/') + 1);
}

}  // namespace

TEST(NodeSpecValidation, EveryBadSpecIsReportedInOneGraphErrorWithModuleAndFileLine) {
  hamilton::Module m("bad_specs");
  m.add(erased("good"));

  NodeSpec no_callable = erased("no_callable");
  no_callable.callable = {};
  const int no_callable_line = __LINE__ + 1;
  m.add(no_callable);

  NodeSpec null_type = erased("null_type");
  null_type.type = nullptr;
  m.add(null_type);

  NodeSpec no_type = erased("no_type");
  no_type.type = &TypeInfo::of<void>();
  m.add(no_type);

  NodeSpec null_parameter_type = erased("null_parameter_type");
  null_parameter_type.parameters[0].type = nullptr;
  m.add(null_parameter_type);

  NodeSpec void_parameter = erased("void_parameter");
  void_parameter.parameters[0].type = &TypeInfo::of<void>();
  m.add(void_parameter);

  NodeSpec unnamed_parameter = erased("unnamed_parameter");
  unnamed_parameter.parameters.push_back(param(""));
  m.add(unnamed_parameter);

  NodeSpec no_split = erased("no_split");
  no_split.item_type = &TypeInfo::of<double>();
  m.add(no_split);

  NodeSpec no_gather = erased("no_gather");
  no_gather.parameters[0].collect_item = &TypeInfo::of<double>();
  m.add(no_gather);

  m.add(erased(""));

  try {
    hamilton::Builder().with_modules(m).build();
    FAIL() << "expected GraphError";
  } catch (const hamilton::GraphError& e) {
    std::string what = e.what();
    ASSERT_EQ(e.problems().size(), 9u) << what;
    for (const auto& p : e.problems()) {
      EXPECT_EQ(p.module, "bad_specs") << p.to_string();
      EXPECT_EQ(p.location.file.substr(p.location.file.rfind('/') + 1), source_file());
      EXPECT_GT(p.location.line, 0);
    }
    const auto* p = find(e, "no_callable", "has no callable: set NodeSpec::callable");
    ASSERT_NE(p, nullptr) << what;
    EXPECT_EQ(p->code, ErrorCode::bad_node);
    EXPECT_EQ(p->location.line, no_callable_line);
    EXPECT_NE(
        find(e, "null_type", "NodeSpec::type is null: set it to &hamilton::TypeInfo::of<T>()"),
        nullptr)
        << what;
    EXPECT_NE(find(e, "no_type", "declares no type (NodeSpec::type is void)"), nullptr) << what;
    EXPECT_NE(find(e, "null_parameter_type", "parameter `x` has a null type"), nullptr) << what;
    EXPECT_NE(find(e, "void_parameter", "parameter `x` has no type (Parameter::type is void)"),
              nullptr)
        << what;
    EXPECT_NE(find(e, "unnamed_parameter", "parameter 2 has no name"), nullptr) << what;
    EXPECT_NE(find(e, "no_split",
                   "NodeSpec::split is not: set it to &hamilton::Parallelizable<double>::split"),
              nullptr)
        << what;
    EXPECT_NE(find(e, "no_gather", "set it to &hamilton::Collect<double>::gather"), nullptr)
        << what;
    EXPECT_NE(find(e, "", "a node needs a name: set NodeSpec::name"), nullptr) << what;
    EXPECT_NE(what.find("cannot build the graph (9 problems)"), std::string::npos) << what;
    EXPECT_NE(what.find(source_file() + ":" + std::to_string(no_callable_line) +
                        ": node `no_callable` (module bad_specs)"),
              std::string::npos)
        << what;
    EXPECT_EQ(find(e, "good", ""), nullptr) << what;
  }
}

// The callable's own signature (known for functions and lambdas) against the declared
// parameters and type: a mismatch would read arguments as the wrong type.
TEST(NodeSpecValidation, DeclaredParametersAndTypeMustMatchTheCallable) {
  hamilton::Module source("signature_source");
  source.add("f", {"a", "b"},
             [](double a, const std::optional<double>& b) { return a + b.value_or(0); });
  source.add("g", {"a"}, [](double a) { return a; });
  const NodeSpec f = source.nodes()[0];
  const NodeSpec g = source.nodes()[1];

  hamilton::Module m("signature_mismatch");
  NodeSpec fewer = f;
  fewer.name = "fewer";
  fewer.parameters.pop_back();
  m.add(fewer);
  NodeSpec retyped = f;
  retyped.name = "retyped";
  retyped.parameters[0].type = &TypeInfo::of<std::string>();
  m.add(retyped);
  NodeSpec any = f;
  any.name = "any";
  any.parameters[0].any = true;
  m.add(any);
  NodeSpec optional = g;
  optional.name = "optional";
  optional.parameters[0].optional = true;
  m.add(optional);
  NodeSpec returns = g;
  returns.name = "returns";
  returns.type = &TypeInfo::of<int>();
  m.add(returns);
  // a type-erased callable reads as many arguments as the spec has parameters
  NodeSpec erased_spec = erased("erased_ok");
  m.add(erased_spec);
  EXPECT_EQ(m.nodes().back().callable.arity(), 1u);

  try {
    hamilton::Builder().with_modules(m).build();
    FAIL() << "expected GraphError";
  } catch (const hamilton::GraphError& e) {
    std::string what = e.what();
    ASSERT_EQ(e.problems().size(), 5u) << what;
    EXPECT_NE(
        find(e, "fewer", "the callable takes 2 argument(s) but the node declares 1 parameter(s)"),
        nullptr)
        << what;
    EXPECT_NE(find(e, "retyped",
                   "parameter `a` is declared as a std::string but the callable takes a double"),
              nullptr)
        << what;
    EXPECT_NE(find(e, "any",
                   "parameter `a` accepts a value of any type (Parameter::any) but the "
                   "callable takes a double"),
              nullptr)
        << what;
    EXPECT_NE(find(e, "optional",
                   "parameter `a` is optional (Parameter::optional) but the callable "
                   "takes a plain double"),
              nullptr)
        << what;
    EXPECT_NE(find(e, "returns",
                   "declared to return a int (NodeSpec::type) but the callable "
                   "returns a double"),
              nullptr)
        << what;
    for (const auto& p : e.problems()) EXPECT_EQ(p.code, ErrorCode::bad_node);
  }
}

TEST(NodeSpecValidation, ValidSpecsStillBuildAndRun) {
  hamilton::Module m("valid_specs");
  m.add(erased("plus"));
  NodeSpec optional = erased("with_optional");
  optional.parameters[0].optional = true;  // the type-erased callable copes with it
  optional.parameters[0].name = "y";
  optional.callable = hamilton::Callable(
      std::make_shared<int>(0), [](const void*, const Value* slots, const std::uint32_t* args) {
        return Value(slots[args[0]].has_value() ? 1.0 : 0.0);
      });
  m.add(optional);
  auto dr = hamilton::Builder().with_modules(m).build();
  auto r = dr.execute({"plus", "with_optional"}, {{"x", 1.0}});
  EXPECT_EQ(r.get<double>("plus"), 2.0);
  EXPECT_EQ(r.get<double>("with_optional"), 0.0);
  EXPECT_EQ(dr.graph().variables().size(), 4u);
}

// Node names: identifiers joined by `.` (what NODE, subdag namespaces, pipe_output and
// parameterize make).
TEST(NodeNames, TheRule) {
  using hamilton::detail::is_valid_node_name;
  for (const char* ok : {"x", "_x", "spend", "avg_3wk_spend", "A1", "ns.node", "a.b.c", "f__v"})
    EXPECT_TRUE(is_valid_node_name(ok)) << ok;
  for (const char* bad : {"", "1st", "a-b", "a b", "a..b", ".a", "a.", "a.1", "caf\xc3\xa9", "a\nb",
                          "x[0]", "a/b", "`x`"})
    EXPECT_FALSE(is_valid_node_name(bad)) << bad;
}

TEST(NodeNames, ModuleAddRefusesNamesThatAreNotValid) {
  hamilton::Module m("bad_names");
  m.add("bad-name", {"x"}, [](double x) { return x; });
  m.add("2nd", {"x"}, [](double x) { return x; });
  m.add("reads_bad", {"no good"}, [](double x) { return x; });
  NodeSpec bad_source = erased("bad_source");
  bad_source.parameters[0].source = "up stream";
  m.add(bad_source);
  m.add("ns.fine", {"x"}, [](double x) { return x; });
  try {
    hamilton::Builder().with_modules(m).build();
    FAIL() << "expected GraphError";
  } catch (const hamilton::GraphError& e) {
    std::string what = e.what();
    ASSERT_EQ(e.problems().size(), 4u) << what;
    const auto* p = find(e, "bad-name",
                         "the name `bad-name` is not a valid node name: a node name "
                         "is one or more identifiers joined by `.`");
    ASSERT_NE(p, nullptr) << what;
    EXPECT_NE(p->message.find("rename it, e.g. `bad_name`"), std::string::npos) << p->message;
    EXPECT_EQ(p->code, ErrorCode::bad_node);
    EXPECT_NE(find(e, "2nd", "rename it, e.g. `_2nd`"), nullptr) << what;
    EXPECT_NE(find(e, "reads_bad",
                   "parameter 1 names the node it reads, but `no good` is not a "
                   "valid node name"),
              nullptr)
        << what;
    EXPECT_NE(find(e, "bad_source",
                   "parameter `x` reads a source, but `up stream` is not a valid "
                   "node name"),
              nullptr)
        << what;
  }
}

TEST(NodeNames, NamesInMessagesAreEscapedAndBounded) {
  hamilton::Module m("odd_names");
  m.add(std::string("new\nline") + std::string(500, 'x'), {"x"}, [](double x) { return x; });
  try {
    hamilton::Builder().with_modules(m).build();
    FAIL() << "expected GraphError";
  } catch (const hamilton::GraphError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    const std::string& msg = e.problems()[0].message;
    EXPECT_NE(msg.find("`new\\x0aline"), std::string::npos) << msg;
    EXPECT_NE(msg.find("... (508 characters)"), std::string::npos) << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
  }
}

// Names made by modifiers are checked when the graph is built.
TEST(NodeNames, NamesMadeByModifiersAreCheckedAtBuild) {
  using namespace hamilton::modifiers;
  hamilton::Module m("made_names");
  m.add("f", {"x"}, [](double x) { return x; },
        {parameterize({{"bad name", {{"x", value(1.0)}}}, {"good_name", {{"x", value(2.0)}}}})});
  try {
    hamilton::Builder().with_modules(m).build();
    FAIL() << "expected GraphError";
  } catch (const hamilton::GraphError& e) {
    std::string what = e.what();
    ASSERT_EQ(e.problems().size(), 1u) << what;
    const auto& p = e.problems()[0];
    EXPECT_EQ(p.code, ErrorCode::bad_name);
    EXPECT_EQ(p.node, "bad name");
    EXPECT_EQ(p.module, "made_names");
    EXPECT_NE(p.message.find("made by the modifiers of function `f` (parameterize): the name `bad "
                             "name` is not a valid node name"),
              std::string::npos)
        << p.message;
  }
  // what subdag, pipe_output and the like make (`namespace.node`) stays valid
  hamilton::Module ok("made_names_ok");
  ok.add("f", {"x"}, [](double x) { return x; },
         {parameterize({{"first", {{"x", value(1.0)}}}, {"second", {{"x", value(2.0)}}}})});
  auto dr = hamilton::Builder().with_modules(ok).build();
  EXPECT_EQ(dr.execute({"second"}).get<double>("second"), 2.0);
}
