#pragma once
/// \file
/// The registry of data loaders and savers by format (Python Hamilton's `LOADER_REGISTRY` /
/// `SAVER_REGISTRY`): `from_::csv`, `to::json`, `load_from`, `save_to` and the materializers
/// look formats up here. `hamilton::io` registers csv, json and sqlite (and postgres when built
/// with libpq); users add their own with `register_loader` / `register_saver` or the
/// `HAMILTON_REGISTER_LOADER` / `HAMILTON_REGISTER_SAVER` macros.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "hamilton/errors.hpp"
#include "hamilton/export.hpp"
#include "hamilton/value.hpp"
#include "hamilton/value_map.hpp"

namespace hamilton::io {

/// A loader or saver's arguments by name (`{{"path", "data.csv"}, {"sep", ";"}}`).
using Args = ValueMap;

/// What a load or a save did (Python Hamilton's `get_file_metadata` + `get_dataframe_metadata`).
struct HAMILTON_EXPORT Metadata {
  std::string format;                     ///< the format's name ("csv")
  std::string path;                       ///< the file (or database) written or read
  std::string table;                      ///< databases: the table written, or the query read
  std::size_t rows = 0;                   ///< rows of the data (DataFrames)
  std::size_t columns = 0;                ///< columns of the data (DataFrames)
  std::vector<std::string> column_names;  ///< (DataFrames)
  std::uintmax_t size_bytes = 0;          ///< the file's size afterwards (0 if not a file)
  double seconds = 0;                     ///< how long the load or save took
  std::string timestamp;                  ///< when it finished, UTC ISO 8601
};

/// What a loader returns: the data and its metadata (Hamilton's `(data, metadata)` tuple).
struct HAMILTON_EXPORT Loaded {
  Value data;
  Metadata metadata;
};

/// A bad argument, a missing file, a failed query, an unknown format: what, where, how to fix.
class HAMILTON_EXPORT IoError : public Error {
 public:
  using Error::Error;
};

/// Reads data from `args`.
using LoadFunction = std::function<Loaded(const Args& args)>;
/// Writes `data` as `args` say; returns what was written.
using SaveFunction = std::function<Metadata(const Value& data, const Args& args)>;

/// A registered loader.
struct HAMILTON_EXPORT Loader {
  std::string format;                 ///< "csv"
  const TypeInfo* type = nullptr;     ///< the type it produces (null: decided at run time)
  std::vector<std::string> required;  ///< argument names it needs
  std::vector<std::string> optional;  ///< argument names it accepts
  LoadFunction load;
  std::string doc;
};

/// A registered saver.
struct HAMILTON_EXPORT Saver {
  std::string format;
  const TypeInfo* type = nullptr;  ///< the type it writes (null: any)
  std::vector<std::string> required;
  std::vector<std::string> optional;
  SaveFunction save;
  std::string doc;
};

/// Adds (or replaces) the loader of `loader.format`. Throws IoError for an empty format name or
/// no function.
HAMILTON_EXPORT void register_loader(Loader loader);
/// Adds (or replaces) the saver of `saver.format`.
HAMILTON_EXPORT void register_saver(Saver saver);

/// Names of the registered loaders / savers, sorted.
HAMILTON_EXPORT std::vector<std::string> loader_formats();
HAMILTON_EXPORT std::vector<std::string> saver_formats();

/// The loader of `format`; throws IoError listing the known formats (and the nearest name).
HAMILTON_EXPORT Loader find_loader(std::string_view format);
/// The saver of `format`; throws IoError listing the known formats (and the nearest name).
HAMILTON_EXPORT Saver find_saver(std::string_view format);

/// Every problem with `args` for a loader or saver taking `required` and `optional` names
/// (missing and unknown names, with did-you-mean); empty if none. `what` starts each message.
HAMILTON_EXPORT std::vector<std::string> argument_problems(
    std::string_view what, const Args& args, const std::vector<std::string>& required,
    const std::vector<std::string>& optional);

/// Loads with the `format` loader: checks `args`, calls it, fills in format, seconds, timestamp.
HAMILTON_EXPORT Loaded load(std::string_view format, const Args& args);
/// Saves with the `format` saver: checks `args` and the data's type, calls it, fills in format,
/// seconds, timestamp.
HAMILTON_EXPORT Metadata save(std::string_view format, const Value& data, const Args& args);

/// The argument `name` as a `T` (or `fallback` when absent); throws IoError naming the
/// argument and both types. Strings accept `const char*`; `double` accepts an integer.
HAMILTON_EXPORT std::string string_arg(const Args& args, std::string_view name,
                                       std::string_view fallback = {});
HAMILTON_EXPORT bool bool_arg(const Args& args, std::string_view name, bool fallback);
HAMILTON_EXPORT std::int64_t int_arg(const Args& args, std::string_view name,
                                     std::int64_t fallback);
/// True if `args` has `name`.
HAMILTON_EXPORT bool has_arg(const Args& args, std::string_view name);

/// The current UTC time as ISO 8601 ("2026-12-02T15:30:00.123456Z").
HAMILTON_EXPORT std::string utc_timestamp();

namespace detail {
/// Registers at static initialisation (the macros below).
struct HAMILTON_EXPORT FormatRegistrar {
  explicit FormatRegistrar(Loader loader) { register_loader(std::move(loader)); }
  explicit FormatRegistrar(Saver saver) { register_saver(std::move(saver)); }
};
}  // namespace detail

}  // namespace hamilton::io

#define HAMILTON_IO_CAT2(a, b) a##b
#define HAMILTON_IO_CAT(a, b) HAMILTON_IO_CAT2(a, b)
/// Registers a `hamilton::io::Loader` (an expression) when the program starts:
/// `HAMILTON_REGISTER_LOADER(hamilton::io::Loader{"mine", ...});`
#define HAMILTON_REGISTER_LOADER(...)                                                    \
  static const ::hamilton::io::detail::FormatRegistrar HAMILTON_IO_CAT(hamilton_loader_, \
                                                                       __LINE__) {       \
    ::hamilton::io::Loader(__VA_ARGS__)                                                  \
  }
/// Registers a `hamilton::io::Saver` (an expression) when the program starts.
#define HAMILTON_REGISTER_SAVER(...)                                                    \
  static const ::hamilton::io::detail::FormatRegistrar HAMILTON_IO_CAT(hamilton_saver_, \
                                                                       __LINE__) {      \
    ::hamilton::io::Saver(__VA_ARGS__)                                                  \
  }
