#pragma once
/// \file
/// How the result cache stores values and versions their data: a registry of codecs (how values
/// of a C++ type are written to bytes and read back) and fingerprints (a content hash of a value
/// that is not stored, such as a database client or a model handle). `fingerprint(v)` is a
/// value's data version: equal content gives equal versions, on every run and machine.
///
/// Built in: bool, char and every standard integer type (`std::int8_t` .. `std::int64_t`,
/// `std::uint8_t` .. `std::uint64_t`, `long long`, `unsigned long long`), float, double,
/// `std::string`, `std::vector<double>`, `std::vector<std::int64_t>`,
/// `std::vector<std::string>`, `std::vector<bool>`, `hamilton::Series` and
/// `hamilton::DataFrame`. Register other types with `register_codec` (stored and versioned) or
/// `register_fingerprint` (versioned only).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "hamilton/errors.hpp"
#include "hamilton/export.hpp"
#include "hamilton/value.hpp"

namespace hamilton::caching {

/// Where encoded bytes go: a byte buffer (for storing) or a running hash (for fingerprints).
/// Numbers are written little-endian whatever the machine, so bytes and fingerprints are the
/// same everywhere.
class HAMILTON_EXPORT Sink {
 public:
  virtual ~Sink() = default;
  /// Appends `size` bytes.
  virtual void write(const void* data, std::size_t size) = 0;
  /// 8 bytes, little-endian.
  void write_u64(std::uint64_t v);
  /// 8 bytes, little-endian two's complement.
  void write_i64(std::int64_t v);
  /// The 8 bytes of the IEEE-754 double, little-endian; every NaN is written as the one quiet
  /// NaN (so NaNs of different payloads, such as `0.0 / 0.0` and `std::nan("")`, are equal
  /// content); -0.0 stays -0.0.
  void write_f64(double v);
  /// The length (as `write_u64`), then the bytes.
  void write_string(std::string_view s);
};

/// A stored cache entry cannot be read back: it is truncated or corrupted, names a type with no
/// codec, or was written by another format version.
class HAMILTON_EXPORT CacheFormatError : public Error {
 public:
  using Error::Error;
};

/// Reads what a Sink wrote, in the same order. Reading past the end throws CacheFormatError
/// ("truncated: wanted N bytes at offset K of M").
class HAMILTON_EXPORT Source {
 public:
  /// Reads `bytes`, which must outlive the Source.
  explicit Source(std::string_view bytes) noexcept : bytes_(bytes) {}
  /// Copies the next `size` bytes to `out`.
  void read(void* out, std::size_t size);
  std::uint64_t read_u64();
  std::int64_t read_i64();
  double read_f64();
  /// A string written by `Sink::write_string`.
  std::string read_string();
  /// Bytes not read yet.
  std::size_t remaining() const noexcept { return bytes_.size() - pos_; }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

namespace detail {
/// A type-erased function pointer (cast back to its real type by the thunks below).
using AnyFn = void (*)();
/// Calls an encode or fingerprint function of some T on the object at `value`.
using EncodeThunk = void (*)(AnyFn fn, const void* value, Sink& out);
/// Calls a decode function of some T and wraps its result in a Value.
using DecodeThunk = Value (*)(AnyFn fn, Source& in);

template <class T>
void encode_thunk(AnyFn fn, const void* value, Sink& out) {
  reinterpret_cast<void (*)(const T&, Sink&)>(fn)(*static_cast<const T*>(value), out);
}
template <class T>
Value decode_thunk(AnyFn fn, Source& in) {
  return Value(reinterpret_cast<T (*)(Source&)>(fn)(in));
}
template <class T>
inline constexpr bool registrable =
    !std::is_reference_v<T> && !std::is_const_v<T> && !std::is_volatile_v<T> &&
    !std::is_void_v<T> && !std::is_same_v<T, Value>;

/// The registration behind `register_codec<T>`; throws hamilton::Error for a null function.
HAMILTON_EXPORT void register_codec(const TypeInfo& type, AnyFn encode, EncodeThunk encode_thunk,
                                    AnyFn decode, DecodeThunk decode_thunk);
/// The registration behind `register_fingerprint<T>`; throws hamilton::Error for a null function.
HAMILTON_EXPORT void register_fingerprint(const TypeInfo& type, AnyFn fingerprint,
                                          EncodeThunk thunk);
}  // namespace detail

/// How values of T are stored: `encode` writes the content to the Sink, `decode` reads it back
/// from a Source in the same order (and must read exactly what `encode` wrote). The encoding is
/// also what `fingerprint` hashes, so it must be the same for equal content. Registering a type
/// again replaces its codec. Thread-safe; may be called during static initialization.
///
/// <!-- compile: file -->
/// ```cpp
/// #include <hamilton/caching/codec.hpp>
/// #include <string>
/// struct Point { double x, y; std::string label; };
/// static const bool registered = [] {
///   hamilton::caching::register_codec<Point>(
///       [](const Point& p, hamilton::caching::Sink& out) {
///         out.write_f64(p.x);
///         out.write_f64(p.y);
///         out.write_string(p.label);
///       },
///       [](hamilton::caching::Source& in) {
///         Point p;
///         p.x = in.read_f64();
///         p.y = in.read_f64();
///         p.label = in.read_string();
///         return p;
///       });
///   return true;
/// }();
/// ```
template <class T>
void register_codec(void (*encode)(const T&, Sink&), T (*decode)(Source&)) {
  static_assert(detail::registrable<T>, "register_codec: T must be a plain object type");
  detail::register_codec(TypeInfo::of<T>(), reinterpret_cast<detail::AnyFn>(encode),
                         &detail::encode_thunk<T>, reinterpret_cast<detail::AnyFn>(decode),
                         &detail::decode_thunk<T>);
}

/// How values of T are fingerprinted when they are not stored (a DB client, a model handle):
/// `fingerprint` writes what identifies the content (a connection string and a snapshot id, a
/// model's path and version). A type with both a codec and a fingerprint is fingerprinted by
/// its fingerprint function. Registering a type again replaces its fingerprint. Thread-safe.
template <class T>
void register_fingerprint(void (*fingerprint)(const T&, Sink&)) {
  static_assert(detail::registrable<T>, "register_fingerprint: T must be a plain object type");
  detail::register_fingerprint(TypeInfo::of<T>(), reinterpret_cast<detail::AnyFn>(fingerprint),
                               &detail::encode_thunk<T>);
}

/// The data version of a value: 32 lowercase hex digits of XXH3-128 over the value's type name
/// and its encoding (its fingerprint function if one is registered, else its codec); nullopt
/// for an empty Value, a type with neither, or a value whose function throws (a fingerprint
/// function throws to say that this value has no data version): never a guess.
HAMILTON_EXPORT std::optional<std::string> fingerprint(const Value& v);

/// True if values of `type` can be stored (a codec is registered).
HAMILTON_EXPORT bool has_codec(const TypeInfo& type);

/// Appends `v`'s stored form (a format header, its type name, then its codec's bytes) to `out`;
/// false if its type has no codec (nothing appended). If the codec throws, `out` is left as it
/// was and the exception propagates.
HAMILTON_EXPORT bool encode(const Value& v, std::string& out);

/// The value `encode` wrote. Throws CacheFormatError naming what is wrong: a type with no codec
/// ("no codec is registered for `T`: register one with hamilton::caching::register_codec"),
/// bytes left after the value, truncated bytes, another format version, or a codec that failed.
HAMILTON_EXPORT Value decode(std::string_view bytes);

}  // namespace hamilton::caching
