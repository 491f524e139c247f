// hamilton::Value: type-erased, immutable, shared; demangled type names.
#include <gtest/gtest.h>

#include <hamilton/hamilton.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

using hamilton::TypeInfo;
using hamilton::Value;

namespace {
struct Counted {
  static inline int copies = 0;
  std::vector<double> data;
  explicit Counted(std::vector<double> d) : data(std::move(d)) {}
  Counted(const Counted& o) : data(o.data) { ++copies; }
  Counted(Counted&&) noexcept = default;
};
}  // namespace

TEST(Value, SmallValuesAreInlineOthersShared) {
  Value d = 2.5;
  EXPECT_TRUE(d.type().stored_inline());
  EXPECT_EQ(d.get<double>(), 2.5);
  Value copy = d;
  EXPECT_EQ(copy.get<double>(), 2.5);
  EXPECT_EQ(d.use_count(), 1);

  Value v = std::vector<double>{1, 2, 3};
  EXPECT_FALSE(v.type().stored_inline());
  Value shared = v;
  EXPECT_EQ(v.use_count(), 2);
  EXPECT_EQ(&v.get<std::vector<double>>(), &shared.get<std::vector<double>>());  // same object
}

TEST(Value, TheFrameworkNeverDeepCopies) {
  Counted::copies = 0;
  Value v = Counted({1, 2});
  Value a = v, b = a;
  Value moved = std::move(b);
  EXPECT_EQ(Counted::copies, 0);
  hamilton::Module m("no_copies");
  m.add("passthrough", {"x"}, [](const Counted& x) { return x.data.size(); });
  auto dr = hamilton::Builder().with_modules(m).build();
  EXPECT_EQ(dr.execute({"passthrough", "x"}, {{"x", v}}).get<std::size_t>("passthrough"), 2u);
  EXPECT_EQ(Counted::copies, 0);
}

TEST(Value, FromSharedDoesNotCopy) {
  auto p = std::make_shared<const std::string>("shared");
  Value v = Value::from_shared(p);
  EXPECT_EQ(&v.get<std::string>(), p.get());
}

TEST(Value, WrongTypeNamesBothTypes) {
  Value v = std::map<std::string, int>{{"a", 1}};
  EXPECT_TRUE((v.is<std::map<std::string, int>>()));
  EXPECT_EQ(v.get_if<double>(), nullptr);
  try {
    v.get<std::vector<std::string>>();
    FAIL();
  } catch (const hamilton::ValueTypeError& e) {
    EXPECT_STREQ(e.what(),
                 "Value::get: the value is a std::map<std::string, int>, not a std::vector<std::string>");
  }
  Value empty;
  EXPECT_FALSE(empty.has_value());
  EXPECT_THROW(empty.get<int>(), hamilton::ValueTypeError);
}

TEST(Value, StringLiteralsBecomeStrings) {
  Value v = "text";
  EXPECT_TRUE(v.is<std::string>());
  EXPECT_EQ(v.get<std::string>(), "text");
}

TEST(TypeInfo, DemangledShortNames) {
  EXPECT_EQ(TypeInfo::of<std::string>().name(), "std::string");
  EXPECT_EQ(TypeInfo::of<std::vector<double>>().name(), "std::vector<double>");
  EXPECT_EQ((TypeInfo::of<std::map<std::string, std::vector<int>>>().name()),
            "std::map<std::string, std::vector<int>>");
  EXPECT_EQ(TypeInfo::of<const int>().name(), "int");
  EXPECT_TRUE(TypeInfo::of<long>().is_arithmetic());
  EXPECT_FALSE(TypeInfo::of<std::string>().is_arithmetic());
  EXPECT_TRUE(TypeInfo::of<int>() == TypeInfo::of<const int>());
}
