// parameterize doc templates: each case formats the function's doc for output `out`.
#include <cmath>
#include <hamilton/hamilton.hpp>
#include <limits>

#include "oracle.hpp"

namespace {

using namespace hamilton;
using namespace hamilton::modifiers;

// the doc of `out` when `fn(x, y)` with doc `templ` is parameterized with `bindings`
std::string doc_of(const std::string& templ, std::vector<ParamBinding> bindings,
                   const std::string& own_doc = "") {
  Module m("hamilton_oracle_doc");
  Parameterization p{"out", std::move(bindings), own_doc};
  m.add("fn", {"x", "y"}, [](const Value& x, const Value&) { return x; },
        {parameterize({p}), doc(templ)});
  auto dr = Builder().with_modules(m).build();
  return dr.graph().variable("out").documentation;
}

}  // namespace

HAMILTON_HAMILTON_CASE(doc_float_one) {
  return doc_of("x is {x}.", {{"x", value(1.0)}, {"y", value(0)}});
}
HAMILTON_HAMILTON_CASE(doc_float_tenth) {
  return doc_of("{x}", {{"x", value(0.1)}, {"y", value(0)}});
}
HAMILTON_HAMILTON_CASE(doc_float_small) {
  return doc_of("{x}", {{"x", value(1e-07)}, {"y", value(0)}});
}
HAMILTON_HAMILTON_CASE(doc_float_edge_small) {
  return doc_of("{x} {y}", {{"x", value(0.0001)}, {"y", value(0.00012345)}});
}
HAMILTON_HAMILTON_CASE(doc_float_large) {
  return doc_of("{x} {y}", {{"x", value(1e15)}, {"y", value(1e16)}});
}
HAMILTON_HAMILTON_CASE(doc_float_digits) {
  return doc_of("{x} {y}", {{"x", value(-2.5)}, {"y", value(1.0 / 3.0)}});
}
HAMILTON_HAMILTON_CASE(doc_float_big_digits) {
  return doc_of("{x} {y}", {{"x", value(123456789.125)}, {"y", value(-1.5e300)}});
}
HAMILTON_HAMILTON_CASE(doc_float_special) {
  return doc_of("{x} {y}", {{"x", value(std::numeric_limits<double>::quiet_NaN())},
                            {"y", value(-std::numeric_limits<double>::infinity())}});
}
HAMILTON_HAMILTON_CASE(doc_int) {
  return doc_of("{x} {y}", {{"x", value(1)}, {"y", value(std::int64_t{-9007199254740993})}});
}
HAMILTON_HAMILTON_CASE(doc_bool) {
  return doc_of("{x} {y}", {{"x", value(true)}, {"y", value(false)}});
}
HAMILTON_HAMILTON_CASE(doc_string) {
  return doc_of("{x}", {{"x", value(std::string("EU"))}, {"y", value(0)}});
}
HAMILTON_HAMILTON_CASE(doc_source) {
  return doc_of("{x} and {y}", {{"x", source("spend")}, {"y", value(2.0)}});
}
HAMILTON_HAMILTON_CASE(doc_output_name) {
  return doc_of("{output_name}: {x}", {{"x", source("a")}, {"y", source("b")}});
}
HAMILTON_HAMILTON_CASE(doc_unknown_field) {
  return doc_of("{nope} {x}", {{"x", source("a")}, {"y", source("b")}});
}
HAMILTON_HAMILTON_CASE(doc_braces) {
  return doc_of("{{x}} is {x}}}", {{"x", value(1.0)}, {"y", source("b")}});
}
HAMILTON_HAMILTON_CASE(doc_own_doc_verbatim) {
  return doc_of("{x}", {{"x", value(1.0)}, {"y", source("b")}}, "Own {x} doc.");
}
