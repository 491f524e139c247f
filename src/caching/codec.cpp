// The codec registry, the built-in codecs of numbers, strings and vectors, the framing of
// encode/decode and the fingerprint (XXH3-128). Series and DataFrame: codec_frame.cpp.
#include "hamilton/caching/codec.hpp"

#define XXH_STATIC_LINKING_ONLY  // XXH3_state_t on the stack
#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <limits>
#include <mutex>
#include <new>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeindex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "caching/codec_io.hpp"
#include "hamilton/errors.hpp"
#include "hamilton/value.hpp"

namespace hamilton::caching {

namespace detail {

// ---- the registry ----

struct Entry {
  std::string name;
  AnyFn encode = nullptr;
  EncodeThunk encode_thunk = nullptr;
  AnyFn decode = nullptr;
  DecodeThunk decode_thunk = nullptr;
  AnyFn fingerprint = nullptr;
  EncodeThunk fingerprint_thunk = nullptr;
  bool has_codec() const noexcept { return encode && decode; }
};

struct Registry {
  std::shared_mutex mutex;
  std::unordered_map<std::type_index, Entry> by_type;
  // the type name of each codec, for decode; the entry is by_type's (keys never erased)
  std::unordered_map<std::string, std::type_index> by_name;

  Registry();

  // callers hold the lock (or are the constructor)
  void put_codec(const TypeInfo& type, AnyFn encode, EncodeThunk et, AnyFn decode, DecodeThunk dt) {
    Entry& e = by_type[std::type_index(type.type_info())];
    e.name = type.name();
    e.encode = encode;
    e.encode_thunk = et;
    e.decode = decode;
    e.decode_thunk = dt;
    by_name.insert_or_assign(type.name(), std::type_index(type.type_info()));
  }
  void put_fingerprint(const TypeInfo& type, AnyFn fp, EncodeThunk thunk) {
    Entry& e = by_type[std::type_index(type.type_info())];
    e.name = type.name();
    e.fingerprint = fp;
    e.fingerprint_thunk = thunk;
  }
};

namespace {

// Never destroyed: codecs may be registered, and values encoded, during the static
// initialization and destruction of other libraries.
Registry& registry() {
  static Registry* r = new Registry;
  return *r;
}

std::optional<Entry> find(const TypeInfo& type) {
  Registry& r = registry();
  std::shared_lock lock(r.mutex);
  auto it = r.by_type.find(std::type_index(type.type_info()));
  if (it == r.by_type.end()) return std::nullopt;
  return it->second;
}

std::optional<Entry> find_by_name(std::string_view name) {
  Registry& r = registry();
  std::shared_lock lock(r.mutex);
  auto it = r.by_name.find(std::string(name));
  if (it == r.by_name.end()) return std::nullopt;
  auto e = r.by_type.find(it->second);
  if (e == r.by_type.end() || !e->second.has_codec()) return std::nullopt;
  return e->second;
}

// ---- little-endian numbers ----

template <class U>
void store_le(unsigned char* out, U v) {
  static_assert(std::is_unsigned_v<U>);
  for (std::size_t i = 0; i < sizeof(U); ++i) out[i] = static_cast<unsigned char>(v >> (8 * i));
}
template <class U>
U load_le(const unsigned char* in) {
  static_assert(std::is_unsigned_v<U>);
  U v = 0;
  for (std::size_t i = 0; i < sizeof(U); ++i) v |= static_cast<U>(static_cast<U>(in[i]) << (8 * i));
  return v;
}

constexpr std::uint64_t kQuietNaN = 0x7ff8000000000000ULL;
constexpr std::uint32_t kQuietNaNf = 0x7fc00000U;

std::uint64_t f64_bits(double v) {
  if (std::isnan(v)) return kQuietNaN;
  return std::bit_cast<std::uint64_t>(v);
}

// ---- built-in codecs ----

template <class T>
void encode_integer(const T& v, Sink& out) {
  using U = std::make_unsigned_t<T>;
  unsigned char b[sizeof(T)];
  store_le<U>(b, static_cast<U>(v));
  out.write(b, sizeof(T));
}
template <class T>
T decode_integer(Source& in) {
  using U = std::make_unsigned_t<T>;
  unsigned char b[sizeof(T)];
  in.read(b, sizeof(T));
  return static_cast<T>(load_le<U>(b));
}

void encode_bool(const bool& v, Sink& out) { write_u8(out, v ? 1 : 0); }
bool decode_bool(Source& in) {
  std::uint8_t b = read_u8(in);
  if (b > 1) throw CacheFormatError("a bool stored as " + std::to_string(b) + " (not 0 or 1)");
  return b == 1;
}

void encode_float(const float& v, Sink& out) {
  std::uint32_t bits = std::isnan(v) ? kQuietNaNf : std::bit_cast<std::uint32_t>(v);
  unsigned char b[4];
  store_le<std::uint32_t>(b, bits);
  out.write(b, 4);
}
float decode_float(Source& in) {
  unsigned char b[4];
  in.read(b, 4);
  return std::bit_cast<float>(load_le<std::uint32_t>(b));
}

void encode_double(const double& v, Sink& out) { out.write_f64(v); }
double decode_double(Source& in) { return in.read_f64(); }

void encode_string(const std::string& v, Sink& out) { out.write_string(v); }
std::string decode_string(Source& in) { return in.read_string(); }

void encode_doubles(const std::vector<double>& v, Sink& out) {
  out.write_u64(v.size());
  write_f64_array(out, v.data(), v.size());
}
std::vector<double> decode_doubles(Source& in) {
  std::vector<double> v(read_count(in, 8));
  read_f64_array(in, v.data(), v.size());
  return v;
}

void encode_int64s(const std::vector<std::int64_t>& v, Sink& out) {
  out.write_u64(v.size());
  write_i64_array(out, v.data(), v.size());
}
std::vector<std::int64_t> decode_int64s(Source& in) {
  std::vector<std::int64_t> v(read_count(in, 8));
  read_i64_array(in, v.data(), v.size());
  return v;
}

void encode_strings(const std::vector<std::string>& v, Sink& out) {
  out.write_u64(v.size());
  for (const auto& s : v) out.write_string(s);
}
std::vector<std::string> decode_strings(Source& in) {
  std::size_t n = read_count(in, 8);
  std::vector<std::string> v;
  v.reserve(n);
  for (std::size_t i = 0; i < n; ++i) v.push_back(in.read_string());
  return v;
}

void encode_bools(const std::vector<bool>& v, Sink& out) {
  out.write_u64(v.size());
  constexpr std::size_t kChunk = 4096;
  unsigned char buf[kChunk];
  for (std::size_t i = 0; i < v.size(); i += kChunk) {
    std::size_t m = std::min(kChunk, v.size() - i);
    for (std::size_t k = 0; k < m; ++k) buf[k] = v[i + k] ? 1 : 0;
    out.write(buf, m);
  }
}
std::vector<bool> decode_bools(Source& in) { return read_bool_vector(in, read_count(in, 1)); }

template <class T>
void put(Registry& r, void (*encode)(const T&, Sink&), T (*decode)(Source&)) {
  r.put_codec(TypeInfo::of<T>(), reinterpret_cast<AnyFn>(encode), &encode_thunk<T>,
              reinterpret_cast<AnyFn>(decode), &decode_thunk<T>);
}
template <class T>
void put_integer(Registry& r) {
  put<T>(r, &encode_integer<T>, &decode_integer<T>);
}

// ---- sinks ----

class StringSink final : public Sink {
 public:
  explicit StringSink(std::string& out) : out_(out) {}
  void write(const void* data, std::size_t size) override {
    out_.append(static_cast<const char*>(data), size);
  }

 private:
  std::string& out_;
};

class HashSink final : public Sink {
 public:
  HashSink() { XXH3_128bits_reset(&state_); }
  void write(const void* data, std::size_t size) override {
    if (size) XXH3_128bits_update(&state_, data, size);
  }
  std::string hex() const { return hex_of(XXH3_128bits_digest(&state_)); }
  // The 32 hex digits of a hash, most significant first.
  static std::string hex_of(XXH128_hash_t hash) {
    XXH128_canonical_t c;
    XXH128_canonicalFromHash(&c, hash);
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out(32, '0');
    for (std::size_t i = 0; i < 16; ++i) {
      out[2 * i] = kDigits[c.digest[i] >> 4];
      out[2 * i + 1] = kDigits[c.digest[i] & 0xf];
    }
    return out;
  }

 private:
  XXH3_state_t state_;
};

}  // namespace

std::string hash_hex(std::string_view bytes) {
  // one shot: the same hash as HashSink's streaming, without its state's set-up
  return HashSink::hex_of(XXH3_128bits(bytes.data(), bytes.size()));
}

namespace {

// The header of every stored value: "hcv" and the format version.
constexpr unsigned char kMagic[3] = {'h', 'c', 'v'};
constexpr std::uint8_t kFormatVersion = 1;

std::string quoted(std::string_view name) {
  std::string out;  // appended, not `"`" + name + "`"`: GCC 12 warns falsely (-Wrestrict) on that
  out.reserve(name.size() + 2);
  out += '`';
  out += name;
  out += '`';
  return out;
}

}  // namespace

Registry::Registry() {
  put<bool>(*this, &encode_bool, &decode_bool);
  put_integer<char>(*this);
  put_integer<signed char>(*this);    // std::int8_t
  put_integer<unsigned char>(*this);  // std::uint8_t
  put_integer<short>(*this);
  put_integer<unsigned short>(*this);
  put_integer<int>(*this);
  put_integer<unsigned int>(*this);
  put_integer<long>(*this);
  put_integer<unsigned long>(*this);
  put_integer<long long>(*this);
  put_integer<unsigned long long>(*this);
  put<float>(*this, &encode_float, &decode_float);
  put<double>(*this, &encode_double, &decode_double);
  put<std::string>(*this, &encode_string, &decode_string);
  put<std::vector<double>>(*this, &encode_doubles, &decode_doubles);
  put<std::vector<std::int64_t>>(*this, &encode_int64s, &decode_int64s);
  put<std::vector<std::string>>(*this, &encode_strings, &decode_strings);
  put<std::vector<bool>>(*this, &encode_bools, &decode_bools);
  add_frame_codecs(*this);
}

void add_builtin_codec(Registry& r, const TypeInfo& type, AnyFn encode, EncodeThunk encode_thunk,
                       AnyFn decode, DecodeThunk decode_thunk) {
  r.put_codec(type, encode, encode_thunk, decode, decode_thunk);
}

void register_codec(const TypeInfo& type, AnyFn encode, EncodeThunk encode_thunk, AnyFn decode,
                    DecodeThunk decode_thunk) {
  if (!encode || !decode || !encode_thunk || !decode_thunk)
    throw Error("register_codec<" + type.name() +
                ">: the encode and decode functions must not "
                "be null");
  Registry& r = registry();
  std::unique_lock lock(r.mutex);
  r.put_codec(type, encode, encode_thunk, decode, decode_thunk);
}

void register_fingerprint(const TypeInfo& type, AnyFn fingerprint, EncodeThunk thunk) {
  if (!fingerprint || !thunk)
    throw Error("register_fingerprint<" + type.name() +
                ">: the fingerprint function must not be null");
  Registry& r = registry();
  std::unique_lock lock(r.mutex);
  r.put_fingerprint(type, fingerprint, thunk);
}

// ---- helpers of the codecs (here and in codec_frame.cpp) ----

void throw_truncated(std::size_t wanted, std::size_t offset, std::size_t size) {
  throw CacheFormatError("truncated: wanted " + std::to_string(wanted) + " bytes at offset " +
                         std::to_string(offset) + " of " + std::to_string(size));
}

void write_u8(Sink& out, std::uint8_t v) { out.write(&v, 1); }
std::uint8_t read_u8(Source& in) {
  std::uint8_t v;
  in.read(&v, 1);
  return v;
}

// Throws "truncated" (with the Source's offset) if fewer than `bytes` bytes are left.
void require(Source& in, std::uint64_t bytes) {
  if (bytes > in.remaining()) {
    unsigned char unused;
    in.read(&unused, bytes > std::numeric_limits<std::size_t>::max()
                         ? std::numeric_limits<std::size_t>::max()
                         : static_cast<std::size_t>(bytes));  // throws: more than is left
  }
}

static std::uint64_t times(std::uint64_t n, std::size_t each) {
  return each != 0 && n > std::numeric_limits<std::uint64_t>::max() / each
             ? std::numeric_limits<std::uint64_t>::max()
             : n * each;
}

// A count of elements that each take at least `min_bytes_each` bytes: checked against what is
// left, so that a corrupted count cannot allocate more than the entry holds.
std::size_t read_count(Source& in, std::size_t min_bytes_each) {
  std::uint64_t n = in.read_u64();
  require(in, times(n, min_bytes_each));
  return static_cast<std::size_t>(n);
}

void write_f64_array(Sink& out, const double* data, std::size_t n) {
  if constexpr (std::endian::native == std::endian::little) {
    // one pass to find NaNs other than the quiet NaN; without them, one write
    bool other_nan = false;
    for (std::size_t i = 0; i < n; ++i) {
      std::uint64_t b = std::bit_cast<std::uint64_t>(data[i]);
      other_nan |= (b & 0x7fffffffffffffffULL) > 0x7ff0000000000000ULL && b != kQuietNaN;
    }
    if (!other_nan) {
      out.write(data, n * sizeof(double));
      return;
    }
    constexpr std::size_t kChunk = 8192;
    std::vector<std::uint64_t> buf(std::min(n, kChunk));
    for (std::size_t i = 0; i < n; i += kChunk) {
      std::size_t m = std::min(kChunk, n - i);
      for (std::size_t k = 0; k < m; ++k) buf[k] = f64_bits(data[i + k]);
      out.write(buf.data(), m * sizeof(std::uint64_t));
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) out.write_f64(data[i]);
  }
}

void read_f64_array(Source& in, double* data, std::size_t n) {
  if constexpr (std::endian::native == std::endian::little) {
    require(in, times(n, sizeof(double)));
    in.read(data, n * sizeof(double));
  } else {
    for (std::size_t i = 0; i < n; ++i) data[i] = in.read_f64();
  }
}

void write_i64_array(Sink& out, const std::int64_t* data, std::size_t n) {
  if constexpr (std::endian::native == std::endian::little) {
    out.write(data, n * sizeof(std::int64_t));
  } else {
    for (std::size_t i = 0; i < n; ++i) out.write_i64(data[i]);
  }
}

void read_i64_array(Source& in, std::int64_t* data, std::size_t n) {
  if constexpr (std::endian::native == std::endian::little) {
    require(in, times(n, sizeof(std::int64_t)));
    in.read(data, n * sizeof(std::int64_t));
  } else {
    for (std::size_t i = 0; i < n; ++i) data[i] = in.read_i64();
  }
}

void write_bool_array(Sink& out, const bool* data, std::size_t n) {
  static_assert(sizeof(bool) == 1);
  // a bool object holds 0 or 1: its bytes are the encoding
  out.write(data, n);
}

std::vector<bool> read_bool_vector(Source& in, std::size_t n) {
  std::vector<bool> v(n);
  constexpr std::size_t kChunk = 4096;
  unsigned char buf[kChunk];
  for (std::size_t i = 0; i < n; i += kChunk) {
    std::size_t m = std::min(kChunk, n - i);
    in.read(buf, m);
    for (std::size_t k = 0; k < m; ++k) {
      if (buf[k] > 1)
        throw CacheFormatError("a bool stored as " + std::to_string(buf[k]) + " (not 0 or 1)");
      v[i + k] = buf[k] == 1;
    }
  }
  return v;
}

}  // namespace detail

// ---- Sink and Source ----

void Sink::write_u64(std::uint64_t v) {
  unsigned char b[8];
  detail::store_le<std::uint64_t>(b, v);
  write(b, 8);
}
void Sink::write_i64(std::int64_t v) { write_u64(static_cast<std::uint64_t>(v)); }
void Sink::write_f64(double v) { write_u64(detail::f64_bits(v)); }
void Sink::write_string(std::string_view s) {
  write_u64(s.size());
  write(s.data(), s.size());
}

void Source::read(void* out, std::size_t size) {
  if (size > remaining()) detail::throw_truncated(size, pos_, bytes_.size());
  if (size) std::memcpy(out, bytes_.data() + pos_, size);
  pos_ += size;
}
std::uint64_t Source::read_u64() {
  unsigned char b[8];
  read(b, 8);
  return detail::load_le<std::uint64_t>(b);
}
std::int64_t Source::read_i64() { return static_cast<std::int64_t>(read_u64()); }
double Source::read_f64() { return std::bit_cast<double>(read_u64()); }
std::string Source::read_string() {
  std::uint64_t n = read_u64();
  if (n > remaining()) {
    detail::throw_truncated(n > std::numeric_limits<std::size_t>::max()
                                ? std::numeric_limits<std::size_t>::max()
                                : static_cast<std::size_t>(n),
                            pos_, bytes_.size());
  }
  std::string s(bytes_.substr(pos_, static_cast<std::size_t>(n)));
  pos_ += static_cast<std::size_t>(n);
  return s;
}

// ---- the public functions ----

bool has_codec(const TypeInfo& type) {
  auto e = detail::find(type);
  return e && e->has_codec();
}

std::optional<std::string> fingerprint(const Value& v) {
  if (!v.has_value()) return std::nullopt;
  auto e = detail::find(v.type());
  if (!e) return std::nullopt;
  detail::HashSink hash;
  hash.write_string(v.type().name());
  try {
    if (e->fingerprint)
      e->fingerprint_thunk(e->fingerprint, v.data(), hash);
    else if (e->has_codec())
      e->encode_thunk(e->encode, v.data(), hash);
    else
      return std::nullopt;
  } catch (...) {
    return std::nullopt;  // the function says this value has no data version
  }
  return hash.hex();
}

bool encode(const Value& v, std::string& out) {
  if (!v.has_value()) return false;
  auto e = detail::find(v.type());
  if (!e || !e->has_codec()) return false;
  std::size_t start = out.size();
  try {
    detail::StringSink sink(out);
    sink.write(detail::kMagic, sizeof(detail::kMagic));
    detail::write_u8(sink, detail::kFormatVersion);
    sink.write_string(v.type().name());
    e->encode_thunk(e->encode, v.data(), sink);
  } catch (...) {
    out.resize(start);
    throw;
  }
  return true;
}

Value decode(std::string_view bytes) {
  Source in(bytes);
  std::string name;
  try {
    unsigned char magic[sizeof(detail::kMagic)];
    in.read(magic, sizeof(magic));
    if (std::memcmp(magic, detail::kMagic, sizeof(magic)) != 0)
      throw CacheFormatError("not a stored hamilton value (its first bytes are not `hcv`)");
    std::uint8_t version = detail::read_u8(in);
    if (version != detail::kFormatVersion)
      throw CacheFormatError("format version " + std::to_string(version) +
                             " is not supported: this build of hamilton-cpp reads version " +
                             std::to_string(detail::kFormatVersion));
    name = in.read_string();
  } catch (const CacheFormatError& e) {
    throw CacheFormatError(std::string("cannot read a stored value: ") + e.what());
  }
  auto entry = detail::find_by_name(name);
  if (!entry)
    throw CacheFormatError("no codec is registered for " + detail::quoted(name) +
                           ": register one with hamilton::caching::register_codec");
  std::string what = "cannot read a stored " + detail::quoted(name) + ": ";
  Value v;
  try {
    v = entry->decode_thunk(entry->decode, in);
  } catch (const CacheFormatError& e) {
    throw CacheFormatError(what + e.what());
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    throw CacheFormatError(what + "its codec failed: " + e.what());
  }
  if (in.remaining() != 0)
    throw CacheFormatError(what + std::to_string(in.remaining()) +
                           " trailing bytes after the value (its codec read " +
                           std::to_string(bytes.size() - in.remaining()) + " of " +
                           std::to_string(bytes.size()) + " bytes)");
  return v;
}

}  // namespace hamilton::caching
