// hamilton::caching codecs and fingerprints: round trips of the built-in types, fingerprints of
// equal and different content, user codecs and fingerprints, and the errors of decode.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>
#include <hamilton/caching/codec.hpp>
#include <hamilton/frame.hpp>
#include <limits>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using hamilton::DataFrame;
using hamilton::DType;
using hamilton::Index;
using hamilton::Series;
using hamilton::TypeInfo;
using hamilton::Value;
using hamilton::caching::CacheFormatError;
using hamilton::caching::Sink;
using hamilton::caching::Source;
using ::testing::HasSubstr;

namespace {

std::string encoded(const Value& v) {
  std::string out;
  EXPECT_TRUE(hamilton::caching::encode(v, out)) << v.type().name();
  return out;
}

template <class T>
T round_trip(const T& value) {
  Value back = hamilton::caching::decode(encoded(Value(value)));
  EXPECT_TRUE(back.is<T>()) << back.type().name();
  return back.get<T>();
}

std::string fp(const Value& v) {
  auto f = hamilton::caching::fingerprint(v);
  EXPECT_TRUE(f.has_value()) << v.type().name();
  return f.value_or("");
}

// The message of the CacheFormatError that decoding `bytes` throws ("" if it does not throw).
std::string decode_error(std::string_view bytes) {
  try {
    hamilton::caching::decode(bytes);
  } catch (const CacheFormatError& e) {
    return e.what();
  }
  return "";
}

std::uint64_t bits(double d) { return std::bit_cast<std::uint64_t>(d); }

// Same name, dtype, index (kind, labels, name, range start) and values (missing positions,
// doubles bit for bit).
void expect_same_series(const Series& a, const Series& b) {
  EXPECT_EQ(a.name(), b.name());
  ASSERT_EQ(a.dtype(), b.dtype());
  ASSERT_EQ(a.size(), b.size());
  EXPECT_EQ(a.index().kind(), b.index().kind());
  EXPECT_EQ(a.index().name(), b.index().name());
  EXPECT_TRUE(a.index().equals(b.index()));
  if (a.index().kind() == Index::Kind::range) {
    EXPECT_EQ(a.index().range_start(), b.index().range_start());
  }
  EXPECT_TRUE(a.equals(b));
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a.is_missing(i), b.is_missing(i)) << i;
    if (a.dtype() == DType::float64 && !std::isnan(a.at<double>(i))) {
      EXPECT_EQ(bits(a.at<double>(i)), bits(b.at<double>(i))) << i;
    }
  }
}

// ---- a user type stored with a codec, and one only fingerprinted ----

struct Point {
  double x = 0, y = 0;
  std::string label;
};

void encode_point(const Point& p, Sink& out) {
  out.write_f64(p.x);
  out.write_f64(p.y);
  out.write_string(p.label);
}
Point decode_point(Source& in) {
  Point p;
  p.x = in.read_f64();
  p.y = in.read_f64();
  p.label = in.read_string();
  return p;
}

struct DbClient {
  std::string url;
  std::int64_t snapshot = 0;
  int open_connections = 0;  // not content
};

struct Unregistered {
  int x = 0;
};

}  // namespace

// ---- round trips ----

TEST(CodecRoundTrip, Scalars) {
  EXPECT_EQ(round_trip(true), true);
  EXPECT_EQ(round_trip(false), false);
  EXPECT_EQ(round_trip(std::int8_t{-128}), -128);
  EXPECT_EQ(round_trip(std::int16_t{-32768}), -32768);
  EXPECT_EQ(round_trip(std::int32_t{std::numeric_limits<std::int32_t>::min()}),
            std::numeric_limits<std::int32_t>::min());
  EXPECT_EQ(round_trip(std::int64_t{std::numeric_limits<std::int64_t>::min()}),
            std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(round_trip(std::uint8_t{255}), 255);
  EXPECT_EQ(round_trip(std::uint16_t{65535}), 65535);
  EXPECT_EQ(round_trip(std::uint32_t{4000000000U}), 4000000000U);
  EXPECT_EQ(round_trip(std::uint64_t{std::numeric_limits<std::uint64_t>::max()}),
            std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(round_trip(-7LL), -7LL);
  EXPECT_EQ(round_trip(7ULL), 7ULL);
  EXPECT_EQ(round_trip('z'), 'z');
  EXPECT_EQ(round_trip(1.5f), 1.5f);
  EXPECT_EQ(round_trip(-2.25), -2.25);
  EXPECT_EQ(round_trip(std::numeric_limits<double>::infinity()),
            std::numeric_limits<double>::infinity());
  EXPECT_EQ(bits(round_trip(-0.0)), bits(-0.0));
  EXPECT_TRUE(std::isnan(round_trip(std::nan(""))));
  EXPECT_TRUE(std::isnan(round_trip(std::numeric_limits<float>::quiet_NaN())));
  EXPECT_EQ(round_trip(std::string("")), "");
  EXPECT_EQ(round_trip(std::string("h\0llo", 5)), std::string("h\0llo", 5));
}

TEST(CodecRoundTrip, Vectors) {
  EXPECT_EQ(round_trip(std::vector<double>{}), std::vector<double>{});
  auto d = round_trip(std::vector<double>{1.5, -0.0, std::nan(""), 1e300});
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0], 1.5);
  EXPECT_EQ(bits(d[1]), bits(-0.0));
  EXPECT_TRUE(std::isnan(d[2]));
  EXPECT_EQ(d[3], 1e300);
  EXPECT_EQ(round_trip(std::vector<std::int64_t>{-1, 0, std::numeric_limits<std::int64_t>::max()}),
            (std::vector<std::int64_t>{-1, 0, std::numeric_limits<std::int64_t>::max()}));
  EXPECT_EQ(round_trip(std::vector<std::string>{"a", "", "long string here"}),
            (std::vector<std::string>{"a", "", "long string here"}));
  EXPECT_EQ(round_trip(std::vector<std::string>{}), std::vector<std::string>{});
  std::vector<bool> many(10000);
  for (std::size_t i = 0; i < many.size(); ++i) many[i] = i % 3 == 0;
  EXPECT_EQ(round_trip(many), many);
  EXPECT_EQ(round_trip(std::vector<bool>{}), std::vector<bool>{});
}

TEST(CodecRoundTrip, EmptySeries) {
  Series empty;
  Series back = round_trip(empty);
  expect_same_series(empty, back);
  EXPECT_EQ(back.dtype(), DType::float64);
  EXPECT_EQ(back.size(), 0u);
  expect_same_series(round_trip(Series(std::vector<std::string>{}, "s")),
                     Series(std::vector<std::string>{}, "s"));
}

TEST(CodecRoundTrip, SeriesOfEveryDtype) {
  Series f({1.5, std::nan(""), -0.0, 4.0}, "f");
  Series i(std::vector<std::int64_t>{1, -2, std::numeric_limits<std::int64_t>::min()}, "i");
  Series b({true, false, true}, "b");
  Series s({"x", "", "zz"}, "s");
  for (const Series& x : {f, i, b, s}) expect_same_series(x, round_trip(x));
  Series back = round_trip(f);
  EXPECT_TRUE(std::isnan(back.at<double>(1)));
  EXPECT_EQ(bits(back.at<double>(2)), bits(-0.0));
  EXPECT_EQ(round_trip(b).at<bool>(2), true);
  EXPECT_EQ(round_trip(s).at<std::string>(2), "zz");
}

TEST(CodecRoundTrip, DatetimeWithNaT) {
  Series dt = Series::datetime({hamilton::make_datetime(2020, 1, 31), hamilton::kNaT,
                                hamilton::make_datetime(2262, 4, 11, 23, 47, 16, 854775807)},
                               "when");
  Series back = round_trip(dt);
  expect_same_series(dt, back);
  EXPECT_EQ(back.dtype(), DType::datetime);
  EXPECT_TRUE(back.is_missing(1));
  EXPECT_EQ(back.at<std::int64_t>(1), hamilton::kNaT);
  EXPECT_EQ(back.at<std::int64_t>(0), hamilton::make_datetime(2020, 1, 31));
  EXPECT_EQ(back.to_string_at(0), "2020-01-31 00:00:00");
}

TEST(CodecRoundTrip, MissingStrings) {
  Series s = Series::strings({"a", "", "c", ""}, {false, true, false, false}, "names");
  Series back = round_trip(s);
  expect_same_series(s, back);
  EXPECT_FALSE(back.is_missing(0));
  EXPECT_TRUE(back.is_missing(1));
  EXPECT_FALSE(back.is_missing(3));  // an empty string, not a missing one
  EXPECT_EQ(back.at<std::string>(3), "");
  EXPECT_EQ(back.at<std::string>(2), "c");
}

TEST(CodecRoundTrip, IndexesKeepKindLabelsAndName) {
  Series by_name({1.0, 2.0, 3.0}, "v", Index::from_strings({"a", "b", "c"}).rename("letter"));
  Series back = round_trip(by_name);
  expect_same_series(by_name, back);
  EXPECT_EQ(back.index().kind(), Index::Kind::string);
  EXPECT_EQ(back.index().str_at(2), "c");
  EXPECT_EQ(back.index().name(), "letter");

  Index days = Index::from_datetime({hamilton::make_datetime(2021, 3, 1), hamilton::kNaT,
                                     hamilton::make_datetime(2021, 3, 3)})
                   .rename("day");
  Series by_day(std::vector<std::int64_t>{5, 6, 7}, "n", days);
  back = round_trip(by_day);
  expect_same_series(by_day, back);
  EXPECT_EQ(back.index().kind(), Index::Kind::datetime);
  EXPECT_EQ(back.index().int_at(1), hamilton::kNaT);
  EXPECT_EQ(back.index().name(), "day");

  Series by_int({true, false}, "flag", Index::from_int64({10, -20}));
  back = round_trip(by_int);
  expect_same_series(by_int, back);
  EXPECT_EQ(back.index().kind(), Index::Kind::int64);
  EXPECT_EQ(back.index().int_at(1), -20);

  Series ranged({1.0, 2.0}, "r", Index::range(5, 7).rename("row"));
  back = round_trip(ranged);
  EXPECT_EQ(back.index().kind(), Index::Kind::range);  // stays a range
  EXPECT_EQ(back.index().range_start(), 5);
  EXPECT_EQ(back.index().size(), 2u);
  EXPECT_EQ(back.index().name(), "row");
}

TEST(CodecRoundTrip, DataFrameOfMixedDtypes) {
  Index ix = Index::from_strings({"r1", "r2", "r3"}).rename("id");
  DataFrame df({{"price", Series({1.5, std::nan(""), 3.0}, "", ix)},
                {"count", Series({1, 2, 3}, "", ix)},
                {"ok", Series({true, false, true}, "", ix)},
                {"label", Series::strings({"a", "", "c"}, {false, true, false}, "", ix)},
                {"when", Series::datetime({0, hamilton::kNaT, 86400000000000}, "", ix)}});
  DataFrame back = round_trip(df);
  EXPECT_EQ(back.column_names(),
            (std::vector<std::string>{"price", "count", "ok", "label", "when"}));
  EXPECT_TRUE(back.equals(df));
  EXPECT_EQ(back.index().kind(), Index::Kind::string);
  EXPECT_EQ(back.index().name(), "id");
  for (std::size_t c = 0; c < df.num_columns(); ++c)
    expect_same_series(df.column(c), back.column(c));
  EXPECT_EQ(back["count"].dtype(), DType::int64);
  EXPECT_TRUE(back["label"].is_missing(1));
  EXPECT_TRUE(back["when"].is_missing(1));
  EXPECT_EQ(df.to_string(), back.to_string());
}

TEST(CodecRoundTrip, EmptyFramesAndFramesWithoutColumns) {
  DataFrame empty;
  DataFrame back = round_trip(empty);
  EXPECT_EQ(back.num_columns(), 0u);
  EXPECT_EQ(back.num_rows(), 0u);

  DataFrame df({{"a", Series({1.0, 2.0, 3.0}, "", Index::from_int64({7, 8, 9}).rename("k"))}});
  DataFrame rows_only = df.select({});
  back = round_trip(rows_only);
  EXPECT_EQ(back.num_columns(), 0u);
  EXPECT_EQ(back.num_rows(), 3u);
  EXPECT_EQ(back.index().kind(), Index::Kind::int64);
  EXPECT_EQ(back.index().int_at(2), 9);
  EXPECT_EQ(back.index().name(), "k");

  DataFrame no_rows({{"a", Series(std::vector<double>{})}, {"b", Series(std::vector<bool>{})}});
  back = round_trip(no_rows);
  EXPECT_EQ(back.column_names(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(back["b"].dtype(), DType::boolean);
}

TEST(CodecRoundTrip, LargeNumericColumn) {
  std::vector<double> v(1'000'000);
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<double>(i) * 0.5;
  v[12345] = std::nan("");
  Series s(v, "big");
  std::string bytes = encoded(Value(s));
  // the values and little else: 8 bytes a row plus the header, names and index
  EXPECT_LT(bytes.size(), v.size() * 8 + 200);
  Series back = hamilton::caching::decode(bytes).get<Series>();
  EXPECT_TRUE(back.equals(s));
  EXPECT_EQ(back.at<double>(999'999), 999'999 * 0.5);
}

// ---- fingerprints ----

TEST(Fingerprint, Is32LowercaseHexDigits) {
  std::string f = fp(Value(1.0));
  ASSERT_EQ(f.size(), 32u);
  for (char c : f) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << f;
}

TEST(Fingerprint, EqualForEqualContentOfDifferentObjects) {
  EXPECT_EQ(fp(Value(std::string("abc"))), fp(Value(std::string("abc"))));
  EXPECT_EQ(fp(Value(std::vector<double>{1, 2})), fp(Value(std::vector<double>{1, 2})));
  Series a({1.0, 2.0, 3.0}, "x", Index::from_strings({"a", "b", "c"}));
  Series b({1.0, 2.0, 3.0}, "x", Index::from_strings({"a", "b", "c"}));
  ASSERT_NE(a.data(), b.data());  // two buffers
  EXPECT_EQ(fp(Value(a)), fp(Value(b)));
  DataFrame d1({{"x", a}, {"y", Series({1, 2, 3}, "", a.index())}});
  DataFrame d2({{"x", b}, {"y", Series({1, 2, 3}, "", b.index())}});
  EXPECT_EQ(fp(Value(d1)), fp(Value(d2)));
  // a NaN is a NaN, whatever its bits
  double negative_nan = -std::numeric_limits<double>::quiet_NaN();
  ASSERT_NE(bits(negative_nan), bits(std::nan("")));
  EXPECT_EQ(fp(Value(Series({1.0, negative_nan}))), fp(Value(Series({1.0, std::nan("")}))));
  EXPECT_EQ(fp(Value(negative_nan)), fp(Value(std::nan(""))));
  // a missing string has no text: what its slot holds does not matter
  EXPECT_EQ(fp(Value(Series::strings({"a", "junk"}, {false, true}))),
            fp(Value(Series::strings({"a", ""}, {false, true}))));
  // the same on every call
  EXPECT_EQ(fp(Value(d1)), fp(Value(d1)));
}

TEST(Fingerprint, DiffersForChangedContent) {
  Series base({1.0, 2.0, 3.0}, "x", Index::from_strings({"a", "b", "c"}).rename("k"));
  std::string f = fp(Value(base));
  // one value
  EXPECT_NE(f, fp(Value(Series({1.0, 2.0, 3.5}, "x", base.index()))));
  // one index label
  EXPECT_NE(
      f, fp(Value(Series({1.0, 2.0, 3.0}, "x", Index::from_strings({"a", "b", "d"}).rename("k")))));
  // the index's name
  EXPECT_NE(f, fp(Value(base.with_index(base.index().rename("other")))));
  // the Series' name
  EXPECT_NE(f, fp(Value(base.rename("y"))));
  // the dtype: int64 1 is not double 1.0
  EXPECT_NE(fp(Value(Series({1, 2, 3}, "x"))), fp(Value(Series({1.0, 2.0, 3.0}, "x"))));
  EXPECT_NE(fp(Value(std::int64_t{1})), fp(Value(1.0)));
  EXPECT_NE(fp(Value(std::int64_t{1})), fp(Value(std::int32_t{1})));
  // datetime and int64 hold the same numbers
  EXPECT_NE(fp(Value(Series::datetime({1, 2}))),
            fp(Value(Series(std::vector<std::int64_t>{1, 2}))));
  // a missing string and an empty one
  EXPECT_NE(fp(Value(Series::strings({"a", ""}, {false, true}))),
            fp(Value(Series::strings({"a", ""}, {false, false}))));
  // a range index and the same labels as int64; another range start
  EXPECT_NE(fp(Value(Series({1.0, 2.0}))),
            fp(Value(Series({1.0, 2.0}, "", Index::from_int64({0, 1})))));
  EXPECT_NE(fp(Value(Series({1.0, 2.0}))), fp(Value(Series({1.0, 2.0}, "", Index::range(1, 3)))));
  // -0.0 is stored as it is
  EXPECT_NE(fp(Value(0.0)), fp(Value(-0.0)));
  // a DataFrame's column order and names
  Series a({1.0}), b({2.0});
  EXPECT_NE(fp(Value(DataFrame({{"a", a}, {"b", b}}))), fp(Value(DataFrame({{"b", b}, {"a", a}}))));
  EXPECT_NE(fp(Value(DataFrame({{"a", a}}))), fp(Value(DataFrame({{"c", a}}))));
  // a string is not its bytes split differently
  EXPECT_NE(fp(Value(std::vector<std::string>{"ab", "c"})),
            fp(Value(std::vector<std::string>{"a", "bc"})));
}

namespace {
struct SometimesVersioned {
  int v;
};
}  // namespace

TEST(Fingerprint, NoneWhenTheFingerprintFunctionThrows) {
  hamilton::caching::register_fingerprint<SometimesVersioned>(
      [](const SometimesVersioned& s, hamilton::caching::Sink& out) {
        if (s.v < 0) throw std::runtime_error("no data version");
        out.write_i64(s.v);
      });
  EXPECT_TRUE(hamilton::caching::fingerprint(Value(SometimesVersioned{1})).has_value());
  EXPECT_EQ(hamilton::caching::fingerprint(Value(SometimesVersioned{-1})), std::nullopt);
}

TEST(Fingerprint, NoneForAnEmptyValueOrATypeWithNeither) {
  EXPECT_EQ(hamilton::caching::fingerprint(Value()), std::nullopt);
  EXPECT_EQ(hamilton::caching::fingerprint(Value(Unregistered{1})), std::nullopt);
  EXPECT_FALSE(hamilton::caching::has_codec(TypeInfo::of<Unregistered>()));
  std::string out = "kept";
  EXPECT_FALSE(hamilton::caching::encode(Value(Unregistered{1}), out));
  EXPECT_FALSE(hamilton::caching::encode(Value(), out));
  EXPECT_EQ(out, "kept");
}

// ---- user types ----

TEST(UserCodec, RegisteredTypeRoundTripsAndFingerprints) {
  hamilton::caching::register_codec<Point>(&encode_point, &decode_point);
  EXPECT_TRUE(hamilton::caching::has_codec(TypeInfo::of<Point>()));
  Point p{1.5, -2.0, "origin-ish"};
  Point back = round_trip(p);
  EXPECT_EQ(back.x, 1.5);
  EXPECT_EQ(back.y, -2.0);
  EXPECT_EQ(back.label, "origin-ish");
  EXPECT_EQ(fp(Value(p)), fp(Value(Point{1.5, -2.0, "origin-ish"})));
  EXPECT_NE(fp(Value(p)), fp(Value(Point{1.5, -2.0, "elsewhere"})));

  // lambdas work as the functions too; registering again replaces the codec
  hamilton::caching::register_codec<Point>(
      [](const Point& q, Sink& out) { out.write_string(q.label); },
      [](Source& in) {
        Point q;
        q.label = in.read_string();
        return q;
      });
  back = round_trip(p);
  EXPECT_EQ(back.x, 0.0);  // the new codec keeps only the label
  EXPECT_EQ(back.label, "origin-ish");
  hamilton::caching::register_codec<Point>(&encode_point, &decode_point);
}

TEST(UserCodec, FingerprintOnlyTypeIsVersionedButNotStored) {
  hamilton::caching::register_fingerprint<DbClient>([](const DbClient& c, Sink& out) {
    out.write_string(c.url);
    out.write_i64(c.snapshot);
  });
  DbClient a{"postgres://db/sales", 42, 3};
  DbClient same{"postgres://db/sales", 42, 7};
  DbClient later{"postgres://db/sales", 43, 3};
  EXPECT_EQ(fp(Value(a)), fp(Value(same)));  // open connections are not content
  EXPECT_NE(fp(Value(a)), fp(Value(later)));
  EXPECT_FALSE(hamilton::caching::has_codec(TypeInfo::of<DbClient>()));
  std::string out;
  EXPECT_FALSE(hamilton::caching::encode(Value(a), out));
  EXPECT_TRUE(out.empty());
}

TEST(UserCodec, NullFunctionsAreRefused) {
  EXPECT_THROW(hamilton::caching::register_codec<Unregistered>(nullptr, nullptr), hamilton::Error);
  EXPECT_THROW(hamilton::caching::register_fingerprint<Unregistered>(nullptr), hamilton::Error);
  EXPECT_FALSE(hamilton::caching::has_codec(TypeInfo::of<Unregistered>()));
}

TEST(UserCodec, EncodeLeavesTheBufferAsItWasWhenACodecThrows) {
  struct Throws {
    int x = 0;
  };
  hamilton::caching::register_codec<Throws>(
      [](const Throws&, Sink& out) {
        out.write_u64(1);
        throw std::runtime_error("cannot encode");
      },
      [](Source&) { return Throws{}; });
  std::string out = "prefix";
  EXPECT_THROW(hamilton::caching::encode(Value(Throws{}), out), std::runtime_error);
  EXPECT_EQ(out, "prefix");
}

TEST(UserCodec, DecodeOfAFailingCodecIsAFormatError) {
  struct Picky {
    int x = 0;
  };
  hamilton::caching::register_codec<Picky>([](const Picky& p, Sink& out) { out.write_i64(p.x); },
                                           [](Source& in) {
                                             std::int64_t x = in.read_i64();
                                             if (x < 0) throw std::invalid_argument("negative x");
                                             return Picky{static_cast<int>(x)};
                                           });
  EXPECT_EQ(round_trip(Picky{4}).x, 4);
  EXPECT_THAT(decode_error(encoded(Value(Picky{-1}))), HasSubstr("its codec failed: negative x"));
}

// ---- Sink and Source ----

TEST(SinkSource, LittleEndianAndStrings) {
  struct Bytes : Sink {
    std::string data;
    void write(const void* p, std::size_t n) override {
      data.append(static_cast<const char*>(p), n);
    }
  } out;
  out.write_u64(0x0102030405060708ULL);
  EXPECT_EQ(out.data, std::string("\x08\x07\x06\x05\x04\x03\x02\x01", 8));
  out.write_i64(-2);
  out.write_f64(0.5);
  out.write_string("hey");
  Source in(out.data);
  EXPECT_EQ(in.read_u64(), 0x0102030405060708ULL);
  EXPECT_EQ(in.read_i64(), -2);
  EXPECT_EQ(in.read_f64(), 0.5);
  EXPECT_EQ(in.remaining(), 11u);
  EXPECT_EQ(in.read_string(), "hey");
  EXPECT_EQ(in.remaining(), 0u);
  try {
    in.read_u64();
    FAIL() << "read past the end";
  } catch (const CacheFormatError& e) {
    EXPECT_THAT(e.what(), HasSubstr("truncated: wanted 8 bytes at offset 35 of 35"));
  }
}

TEST(SinkSource, AStringLongerThanWhatIsLeftIsTruncated) {
  std::string bytes(8, '\0');
  bytes[0] = 100;  // a length of 100 and no bytes
  Source in(bytes);
  try {
    in.read_string();
    FAIL() << "no throw";
  } catch (const CacheFormatError& e) {
    EXPECT_THAT(e.what(), HasSubstr("truncated: wanted 100 bytes at offset 8 of 8"));
  }
}

// ---- decode errors ----

TEST(DecodeErrors, EveryStrictPrefixIsTruncated) {
  Index ix = Index::from_strings({"a", "b"}).rename("k");
  std::vector<Value> values = {
      Value(true),
      Value(std::int32_t{7}),
      Value(2.5),
      Value(std::string("text")),
      Value(std::vector<double>{1, 2}),
      Value(std::vector<std::int64_t>{3}),
      Value(std::vector<std::string>{"a", "bc"}),
      Value(std::vector<bool>{true, false}),
      Value(Series({1.0, 2.0}, "f", ix)),
      Value(Series::strings({"a", ""}, {false, true}, "s", ix)),
      Value(Series::datetime({1, hamilton::kNaT}, "d", Index::from_datetime({5, 6}))),
      Value(DataFrame({{"x", Series({1, 2}, "", ix)}, {"y", Series({true, false}, "", ix)}})),
  };
  for (const Value& v : values) {
    std::string bytes = encoded(v);
    for (std::size_t n = 0; n < bytes.size(); ++n) {
      std::string message = decode_error(std::string_view(bytes).substr(0, n));
      EXPECT_THAT(message, HasSubstr("truncated")) << v.type().name() << " cut at " << n;
    }
    EXPECT_EQ(decode_error(bytes), "") << v.type().name();
  }
}

TEST(DecodeErrors, TruncatedMessageNamesTheTypeAndTheOffset) {
  std::string bytes = encoded(Value(std::vector<double>{1, 2}));
  std::string message = decode_error(std::string_view(bytes).substr(0, bytes.size() - 1));
  EXPECT_THAT(message, HasSubstr("cannot read a stored `std::vector<double>`"));
  EXPECT_THAT(message, HasSubstr("truncated: wanted 16 bytes at offset"));
  EXPECT_THAT(message, HasSubstr("of " + std::to_string(bytes.size() - 1)));
}

TEST(DecodeErrors, TrailingBytes) {
  std::string bytes = encoded(Value(Series({1.0, 2.0}, "x"))) + "xyz";
  std::string message = decode_error(bytes);
  EXPECT_THAT(message, HasSubstr("cannot read a stored `hamilton::Series`"));
  EXPECT_THAT(message, HasSubstr("3 trailing bytes"));
}

TEST(DecodeErrors, UnknownTypeNameSaysHowToRegister) {
  // the stored form of a type this program has no codec for: header, name, content
  std::string bytes = encoded(Value(std::string("payload")));
  std::string name = "std::string";
  std::string other = "my::Unknown";
  ASSERT_EQ(name.size(), other.size());  // same length: only the name changes
  bytes.replace(bytes.find(name), name.size(), other);
  std::string message = decode_error(bytes);
  EXPECT_THAT(message, HasSubstr("no codec is registered for `my::Unknown`: register one with "
                                 "hamilton::caching::register_codec"));
  // a type only fingerprinted has no codec either
  hamilton::caching::register_fingerprint<DbClient>(
      [](const DbClient& c, Sink& out) { out.write_string(c.url); });
  std::string db = hamilton::type_name<DbClient>();
  std::string forged;
  struct Bytes : Sink {
    std::string& data;
    explicit Bytes(std::string& d) : data(d) {}
    void write(const void* p, std::size_t n) override {
      data.append(static_cast<const char*>(p), n);
    }
  } out(forged);
  out.write(bytes.data(), 4);  // the header
  out.write_string(db);
  EXPECT_THAT(decode_error(forged), HasSubstr("no codec is registered for `" + db + "`"));
}

TEST(DecodeErrors, NotAStoredValueOrAnotherVersion) {
  EXPECT_THAT(decode_error("garbage!"), HasSubstr("not a stored hamilton value"));
  std::string bytes = encoded(Value(1.0));
  bytes[3] = 99;
  EXPECT_THAT(decode_error(bytes), HasSubstr("format version 99 is not supported"));
}

TEST(DecodeErrors, CorruptedContent) {
  // a bool that is neither 0 nor 1
  std::string bytes = encoded(Value(true));
  bytes.back() = 2;
  EXPECT_THAT(decode_error(bytes), HasSubstr("a bool stored as 2"));
  // an unknown dtype
  Series s({1.0}, "x");
  bytes = encoded(Value(s));
  std::size_t dtype_at = bytes.find('x') + 1;  // the name "x", then the dtype byte
  bytes[dtype_at] = 9;
  EXPECT_THAT(decode_error(bytes), HasSubstr("unknown dtype 9"));
  // a count larger than the entry: refused before allocating
  bytes = encoded(Value(std::vector<double>{1.0}));
  std::size_t count_at = bytes.size() - 16;
  bytes[count_at + 7] = 0x10;  // 2^60 elements
  EXPECT_THAT(decode_error(bytes), HasSubstr("truncated: wanted"));
}

TEST(DecodeErrors, AnyCorruptedByteIsAFormatErrorOrAValue) {
  Index ix = Index::from_strings({"a", "b"}).rename("k");
  DataFrame df({{"x", Series({1.5, 2.5}, "", ix)},
                {"s", Series::strings({"p", ""}, {false, true}, "", ix)},
                {"b", Series({true, false}, "", ix)}});
  std::string bytes = encoded(Value(df));
  int errors = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    for (unsigned char flip : {0x01, 0x80, 0xff}) {
      std::string bad = bytes;
      bad[i] = static_cast<char>(static_cast<unsigned char>(bad[i]) ^ flip);
      try {
        hamilton::caching::decode(bad);  // a changed label or value can still be a frame
      } catch (const CacheFormatError&) {
        ++errors;
      }
    }
  }
  EXPECT_GT(errors, 0);
}

TEST(Registry, ConcurrentRegistrationAndUse) {
  struct Concurrent {
    int x = 0;
  };
  Series s({1.0, 2.0, 3.0}, "x");
  const std::string expected = fp(Value(s));
  std::atomic<bool> failed{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        if (t == 0) {
          hamilton::caching::register_codec<Concurrent>(
              [](const Concurrent& c, Sink& out) { out.write_i64(c.x); },
              [](Source& in) { return Concurrent{static_cast<int>(in.read_i64())}; });
        } else {
          std::string out;
          if (hamilton::caching::fingerprint(Value(s)) != expected) failed = true;
          if (!hamilton::caching::encode(Value(s), out)) failed = true;
          if (!hamilton::caching::decode(out).get<Series>().equals(s)) failed = true;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_FALSE(failed);
  EXPECT_TRUE(hamilton::caching::has_codec(TypeInfo::of<Concurrent>()));
}
