#pragma once
// What codec.cpp (the registry, numbers, strings, vectors) and codec_frame.cpp (Series and
// DataFrame) share: registering a built-in codec and writing and reading arrays.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hamilton/caching/codec.hpp"

namespace hamilton::caching::detail {

struct Registry;
void add_builtin_codec(Registry& r, const TypeInfo& type, AnyFn encode, EncodeThunk encode_thunk,
                       AnyFn decode, DecodeThunk decode_thunk);
void add_frame_codecs(Registry& r);  // codec_frame.cpp
void write_u8(Sink& out, std::uint8_t v);
std::uint8_t read_u8(Source& in);
void write_f64_array(Sink& out, const double* data, std::size_t n);
void read_f64_array(Source& in, double* data, std::size_t n);
void write_i64_array(Sink& out, const std::int64_t* data, std::size_t n);
void read_i64_array(Source& in, std::int64_t* data, std::size_t n);
void write_bool_array(Sink& out, const bool* data, std::size_t n);
std::vector<bool> read_bool_vector(Source& in, std::size_t n);
std::size_t read_count(Source& in, std::size_t min_bytes_each);
void require(Source& in, std::uint64_t bytes);
/// 32 lowercase hex digits of XXH3-128 over `bytes` (as `fingerprint` prints a hash).
std::string hash_hex(std::string_view bytes);
[[noreturn]] void throw_truncated(std::size_t wanted, std::size_t offset, std::size_t size);

}  // namespace hamilton::caching::detail
