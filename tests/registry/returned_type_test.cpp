// A type-erased callable that returns another type than its node declares is a node failure
// (ExecutionError naming the node, its module, file:line and both types), on every path a node
// runs: the sequential executor, the parallel executor, with hooks or a node execution method,
// and inside Parallelizable blocks. Without the check, consumers read the value as the declared
// type: garbage or a crash.
#include <gtest/gtest.h>

#include <hamilton/hamilton.hpp>
#include <memory>
#include <numeric>
#include <string>

using hamilton::Builder;
using hamilton::NodeSpec;
using hamilton::TypeInfo;
using hamilton::Value;

namespace {

// Declared to return a double, returns a std::string.
NodeSpec liar(std::string name, std::string parameter) {
  NodeSpec spec;
  spec.name = std::move(name);
  spec.type = &TypeInfo::of<double>();
  hamilton::Parameter p;
  p.name = std::move(parameter);
  p.type = &TypeInfo::of<double>();
  spec.parameters.push_back(p);
  spec.callable = hamilton::Callable(std::make_shared<int>(0),
                                     [](const void*, const Value*, const std::uint32_t*) {
                                       return Value(std::string("not a number"));
                                     });
  return spec;
}

std::shared_ptr<const hamilton::Executor> parallel() {
  return std::make_shared<hamilton::ParallelExecutor>(2);
}

void expect_type_failure(hamilton::Driver& dr, const std::vector<std::string>& outputs,
                         const hamilton::Inputs& inputs, int line, const std::string& extra = {},
                         const hamilton::Inputs& fine_inputs = {{"x", 1.0}}) {
  try {
    dr.execute(outputs, inputs);
    FAIL() << "expected ExecutionError";
  } catch (const hamilton::ExecutionError& e) {
    EXPECT_EQ(e.node(), "liar");
    EXPECT_EQ(e.module(), "liars");
    EXPECT_EQ(e.location().line, line);
    EXPECT_NE(e.location().file.find("returned_type_test.cpp"), std::string::npos);
    std::string what = e.what();
    EXPECT_NE(what.find("node `liar` (module liars, "), std::string::npos) << what;
    EXPECT_NE(what.find("node `liar` returned a std::string but it is declared to return a double"),
              std::string::npos)
        << what;
    if (!extra.empty()) EXPECT_NE(what.find(extra), std::string::npos) << what;
    try {
      std::rethrow_exception(e.original());
    } catch (const hamilton::ValueTypeError& original) {
      EXPECT_EQ(original.expected(), "double");
      EXPECT_EQ(original.actual(), "std::string");
    }
  }
  // the driver stays usable
  EXPECT_EQ(dr.execute({"fine"}, fine_inputs).get<double>("fine"), 2.0);
}

}  // namespace

TEST(ReturnedType, SequentialAndParallelExecutorsRefuseAValueOfAnotherType) {
  hamilton::Module m("liars");
  const int line = __LINE__ + 1;
  m.add(liar("liar", "x"));
  m.add("consumer", {"liar"}, [](double v) { return v * 2; });
  m.add("fine", {"x"}, [](double x) { return x + 1; });
  auto seq = Builder().with_modules(m).build();
  expect_type_failure(seq, {"consumer"}, {{"x", 1.0}}, line,
                      "needed by requested output `consumer`");
  expect_type_failure(seq, {"liar"}, {{"x", 1.0}}, line);
  auto par = Builder().with_modules(m).with_executor(parallel()).build();
  expect_type_failure(par, {"consumer", "fine"}, {{"x", 1.0}}, line);
}

namespace {
struct Counting : hamilton::LifecycleHook {
  int failures = 0;
  void run_after_node_execution(const hamilton::NodeRun& node,
                                const hamilton::NodeOutcome& outcome) override {
    if (!outcome.success && node.name() == "liar") ++failures;
  }
};
struct Swapping : hamilton::NodeExecutionMethod {
  // a method that replaces the value of `fine` by one of another type
  Value run_to_execute_node(const hamilton::NodeRun& node,
                            const hamilton::NodeCall& call) override {
    Value v = call();
    if (node.name() == "fine" && swap) return Value(42);
    return v;
  }
  bool swap = false;
};
}  // namespace

TEST(ReturnedType, WithHooksAndANodeExecutionMethod) {
  hamilton::Module m("liars");
  const int line = __LINE__ + 1;
  m.add(liar("liar", "x"));
  m.add("fine", {"x"}, [](double x) { return x + 1; });
  auto hook = std::make_shared<Counting>();
  auto with_hook = Builder().with_modules(m).with_hooks(hook).build();
  expect_type_failure(with_hook, {"liar"}, {{"x", 1.0}}, line);
  EXPECT_EQ(hook->failures, 1);  // the hook sees the failure

  auto method = std::make_shared<Swapping>();
  auto with_method = Builder().with_modules(m).with_node_execution_method(method).build();
  expect_type_failure(with_method, {"liar"}, {{"x", 1.0}}, line);
  method->swap = true;
  try {
    with_method.execute({"fine"}, {{"x", 1.0}});
    FAIL() << "expected ExecutionError";
  } catch (const hamilton::ExecutionError& e) {
    EXPECT_EQ(e.node(), "fine");
    EXPECT_NE(std::string(e.what()).find("node `fine` returned a int but it is declared to return "
                                         "a double"),
              std::string::npos)
        << e.what();
  }
}

TEST(ReturnedType, InsideParallelizableBlocksOnBothExecutors) {
  hamilton::Module m("liars");
  m.add("x", {"n"}, [](int n) {
    hamilton::Parallelizable<double> items;
    for (int i = 0; i < n; ++i) items.push_back(i);
    return items;
  });
  const int line = __LINE__ + 1;
  m.add(liar("liar", "x"));
  m.add("total", {"liar"}, [](const hamilton::Collect<double>& c) {
    return std::accumulate(c.begin(), c.end(), 0.0);
  });
  m.add("fine", {}, [] { return 2.0; });
  for (auto executor : {std::shared_ptr<const hamilton::Executor>(), parallel()}) {
    auto b = Builder().with_modules(m);
    if (executor) b.with_executor(executor);
    auto dr = b.build();
    expect_type_failure(dr, {"total"}, {{"n", 4}}, line,
                        "of `x`: hamilton::ValueTypeError: node `liar` returned a std::string", {});
  }
}

// The expander itself returns something that is no Parallelizable.
TEST(ReturnedType, AParallelizableNodeReturningAnotherType) {
  hamilton::Module m("liars");
  NodeSpec spec;
  spec.name = "liar";
  spec.type = &TypeInfo::of<hamilton::Parallelizable<double>>();
  spec.item_type = &TypeInfo::of<double>();
  spec.split = &hamilton::Parallelizable<double>::split;
  spec.callable = hamilton::Callable(
      std::make_shared<int>(0),
      [](const void*, const Value*, const std::uint32_t*) { return Value(1.5); });
  m.add(spec);
  m.add("total", {"liar"}, [](const hamilton::Collect<double>& c) { return double(c.size()); });
  auto dr = Builder().with_modules(m).build();
  try {
    dr.execute({"total"});
    FAIL() << "expected ExecutionError";
  } catch (const hamilton::ExecutionError& e) {
    EXPECT_EQ(e.node(), "liar");
    EXPECT_NE(std::string(e.what()).find("node `liar` returned a double but it is declared to "
                                         "return a hamilton::Parallelizable<double>"),
              std::string::npos)
        << e.what();
  }
}
