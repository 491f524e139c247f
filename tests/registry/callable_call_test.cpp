// Callable::call, the checked way to call a node's function from outside the executor: a wrong
// number of arguments or a wrongly typed one is an error, not a read past the arguments.
#include <gtest/gtest.h>

#include <hamilton/hamilton.hpp>
#include <optional>
#include <string>
#include <vector>

using hamilton::Callable;
using hamilton::Value;

namespace {
Callable callable_of_first_node(const hamilton::Module& m) { return m.nodes().front().callable; }

std::string error_of(const Callable& c, const std::vector<Value>& args) {
  try {
    c.call(args);
  } catch (const hamilton::Error& e) {
    return e.what();
  }
  return "(no error)";
}
}  // namespace

TEST(CallableCall, CallsWithTheRightArguments) {
  hamilton::Module m("callables");
  m.add("f", {"a", "b", "c", "d"},
        [](double a, const std::string& b, std::optional<int> c, const Value& d) {
          return a + static_cast<double>(b.size()) + c.value_or(100) + (d.has_value() ? 1000 : 0);
        });
  Callable f = callable_of_first_node(m);
  EXPECT_EQ(f.arity(), 4u);
  ASSERT_NE(f.signature(), nullptr);
  EXPECT_EQ(f.call(std::vector<Value>{1.0, std::string("ab"), 3, Value()}).get<double>(), 6.0);
  EXPECT_EQ(f.call(std::vector<Value>{1.0, std::string("ab"), Value(), 'x'}).get<double>(), 1103.0);
}

TEST(CallableCall, TooFewOrTooManyArgumentsAreRefused) {
  hamilton::Module m("callables");
  m.add("f", {"a", "b"}, [](double a, double b) { return a + b; });
  Callable f = callable_of_first_node(m);
  EXPECT_EQ(error_of(f, {}),
            "Callable::call: the function takes 2 argument(s) but 0 were given; pass one Value per "
            "parameter, in parameter order");
  EXPECT_EQ(error_of(f, {1.0}).substr(0, 60),
            "Callable::call: the function takes 2 argument(s) but 1 was g");
  EXPECT_NE(error_of(f, {1.0, 2.0, 3.0}).find("takes 2 argument(s) but 3 were given"),
            std::string::npos);
}

TEST(CallableCall, WronglyTypedOrEmptyArgumentsAreRefused) {
  hamilton::Module m("callables");
  m.add("f", {"a", "b"}, [](double a, const std::string& b) { return a + b.size(); });
  Callable f = callable_of_first_node(m);
  try {
    f.call(std::vector<Value>{1.0, 2.0});
    FAIL();
  } catch (const hamilton::ValueTypeError& e) {
    EXPECT_EQ(std::string(e.what()),
              "Callable::call: argument 2 is a double but parameter 2 takes a std::string");
    EXPECT_EQ(e.expected(), "std::string");
    EXPECT_EQ(e.actual(), "double");
  }
  EXPECT_EQ(error_of(f, {Value(), std::string("x")}),
            "Callable::call: argument 1 is empty but parameter 1 takes a double (only a "
            "std::optional parameter may be given an empty Value)");
}

TEST(CallableCall, TypeErasedCallablesKnowTheirArityWhenAddedOrWhenGivenIt) {
  auto invoke = [](const void*, const Value* slots, const std::uint32_t* args) {
    return Value(slots[args[0]].get<double>() * 2);
  };
  Callable bare(std::make_shared<int>(0), invoke);
  EXPECT_EQ(bare.arity(), Callable::unknown_arity);
  Callable one(std::make_shared<int>(0), invoke, 1);
  EXPECT_EQ(one.call(std::vector<Value>{2.0}).get<double>(), 4.0);
  EXPECT_NE(error_of(one, {}).find("takes 1 argument(s) but 0 were given"), std::string::npos);

  hamilton::NodeSpec spec;
  spec.name = "doubled";
  spec.type = &hamilton::TypeInfo::of<double>();
  hamilton::Parameter p;
  p.name = "x";
  p.type = &hamilton::TypeInfo::of<double>();
  spec.parameters.push_back(p);
  spec.callable = bare;
  hamilton::Module m("erased_callables");
  m.add(spec);
  Callable added = callable_of_first_node(m);
  EXPECT_EQ(added.arity(), 1u);
  EXPECT_NE(error_of(added, {}).find("takes 1 argument(s) but 0 were given"), std::string::npos);

  EXPECT_NE(error_of(Callable(), {}).find("Callable::call: the Callable is empty"),
            std::string::npos);
}
