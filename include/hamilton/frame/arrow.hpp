#pragma once
/// \file
/// The Arrow C Data Interface and C Stream Interface for `hamilton::Series` and
/// `hamilton::DataFrame`: hand columns to pyarrow, polars, DuckDB, Arrow C++ ...
/// and take theirs, without a dependency on any Arrow library.
///
/// The three structs are the ABI the Arrow specification defines
/// (https://arrow.apache.org/docs/format/CDataInterface.html and
/// CStreamInterface.html), guarded as the specification asks so that they may be
/// defined by several headers of one program.
///
/// Types (Arrow format string <-> hamilton dtype):
///   - `g` float64 <-> float64: the values buffer is shared (no copy). NaN is
///     exported as null, like `pyarrow.array(pandas_series, from_pandas=True)`
///     (a validity bitmap is made; the values stay shared); nulls import as NaN
///     (then the values are copied). `f` float32 imports as float64 (copied).
///   - `l` int64 <-> int64: shared. Other integer widths (`c s i C S I L`)
///     import as int64 (copied; `L` above INT64_MAX is an error). An integer
///     column with nulls imports as float64 with NaN, as pandas does.
///   - `b` bool <-> bool: Arrow packs bools into bits, hamilton stores a byte per
///     value, so bools are copied both ways. A bool column with nulls is an
///     error (hamilton bools cannot be missing).
///   - `tsn:` timestamp[ns] <-> datetime64[ns]: shared; NaT is exported as null.
///     `tsu: tsm: tss:` and dates (`tdD`, `tdm`) import as datetime64[ns]
///     (converted, copied; a value outside the datetime64[ns] range is an
///     OutOfBoundsDatetime). A timezone (`tsn:Europe/Paris`) is accepted and
///     dropped: Arrow timestamps are UTC instants, and the Series holds those
///     UTC instants.
///   - `tDn` duration[ns] <-> timedelta64[ns]: shared; NaT is exported as null.
///     `tDu tDm tDs` import as timedelta64[ns] (converted, copied; a value
///     outside the timedelta64[ns] range is a hamilton::Error).
///   - `u` utf8 / `U` large utf8 / `vu` utf8 view <-> string: copied into
///     hamilton's string storage; nulls are the Series' missing values. Export
///     writes `u` (or `U` when the characters exceed 2 GiB).
///   - `d:precision,scale` decimals (128 or 64 bits, DuckDB's `0.5 * n`) import as
///     float64, the nearest double (copied, lossy beyond ~15 digits).
///   - `n` (the null type) imports as an all-NaN float64 column.
/// A DataFrame is a struct array (`+s`) with one child per column, in order.
/// The Index is not exported (like `pyarrow.Table.from_pandas(df,
/// preserve_index=False)`); an import has a range index.
///
/// Ownership follows the specification: an exported ArrowArray keeps the
/// Series' shared buffer alive until its release callback is called; an
/// imported array is moved into the Series (its `release` is set to null in
/// the caller's struct) and released exactly once, when the last Series sharing
/// its buffers is destroyed. Import functions release the schema they read.

#include <cstddef>
#include <cstdint>

#include "hamilton/export.hpp"
#include "hamilton/frame/dataframe.hpp"
#include "hamilton/frame/series.hpp"

extern "C" {

#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4

struct ArrowSchema {
  // Array type description
  const char *format;
  const char *name;
  const char *metadata;
  int64_t flags;
  int64_t n_children;
  struct ArrowSchema **children;
  struct ArrowSchema *dictionary;

  // Release callback
  void (*release)(struct ArrowSchema *);
  // Opaque producer-specific data
  void *private_data;
};

struct ArrowArray {
  // Array data description
  int64_t length;
  int64_t null_count;
  int64_t offset;
  int64_t n_buffers;
  int64_t n_children;
  const void **buffers;
  struct ArrowArray **children;
  struct ArrowArray *dictionary;

  // Release callback
  void (*release)(struct ArrowArray *);
  // Opaque producer-specific data
  void *private_data;
};

#endif  // ARROW_C_DATA_INTERFACE

#ifndef ARROW_C_STREAM_INTERFACE
#define ARROW_C_STREAM_INTERFACE

struct ArrowArrayStream {
  // Callbacks providing stream functionality
  int (*get_schema)(struct ArrowArrayStream *, struct ArrowSchema *out);
  int (*get_next)(struct ArrowArrayStream *, struct ArrowArray *out);
  const char *(*get_last_error)(struct ArrowArrayStream *);

  // Release callback
  void (*release)(struct ArrowArrayStream *);

  // Opaque producer-specific data
  void *private_data;
};

#endif  // ARROW_C_STREAM_INTERFACE

}  // extern "C"

namespace hamilton {

/// Exports `s` into `*out` (array) and `*schema` (its type, named after the
/// Series). Both must be caller-owned structs; the consumer calls their
/// `release` callbacks. float64, int64 and datetime values are shared, not
/// copied.
HAMILTON_EXPORT void export_series(const Series &s, ArrowArray *out, ArrowSchema *schema);
/// Only the schema of `s` (`__arrow_c_schema__`).
HAMILTON_EXPORT void export_series_schema(const Series &s, ArrowSchema *schema);

/// Exports `df` as a struct array (one child per column, in order).
HAMILTON_EXPORT void export_frame(const DataFrame &df, ArrowArray *out, ArrowSchema *schema);
/// Only the schema of `df` (a struct of its columns).
HAMILTON_EXPORT void export_frame_schema(const DataFrame &df, ArrowSchema *schema);
/// Exports `df` as a stream of record batches of at most `batch_rows` rows
/// (0 = one batch with every row; an empty frame still gives one batch).
HAMILTON_EXPORT void export_frame_stream(const DataFrame &df, ArrowArrayStream *out,
                                         std::size_t batch_rows = 0);
/// Exports `s` as a stream of arrays of at most `batch_rows` values (0 = one).
HAMILTON_EXPORT void export_series_stream(const Series &s, ArrowArrayStream *out,
                                          std::size_t batch_rows = 0);

/// A Series from an Arrow array: `*array` is moved (its `release` becomes null)
/// and `*schema` released. The name is the schema's, unless `name` is given.
/// Throws hamilton::Error for an unsupported type, a released struct, or a
/// malformed array (wrong buffer or child counts); the structs are released
/// then too.
HAMILTON_EXPORT Series import_series(ArrowArray *array, ArrowSchema *schema);
/// A DataFrame from a struct array (a record batch): one column per child.
HAMILTON_EXPORT DataFrame import_frame(ArrowArray *array, ArrowSchema *schema);
/// A DataFrame from a stream of record batches (the stream is released). One
/// batch shares its buffers; several are concatenated (copied).
HAMILTON_EXPORT DataFrame import_frame(ArrowArrayStream *stream);
/// A Series from a stream of arrays (the stream is released).
HAMILTON_EXPORT Series import_series(ArrowArrayStream *stream);

}  // namespace hamilton
