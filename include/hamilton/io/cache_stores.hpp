#pragma once
/// \file
/// The result cache's stores in a folder, as Python Hamilton keeps them: `SQLiteMetadataStore`
/// writes `<path>/metadata_store.db` (its tables are Hamilton's `run_ids`, `history` and
/// `cache_metadata`) and `FileResultStore` writes one file per data version, `<path>/<data
/// version>`. Both are in `hamilton::io` (SQLite), and two processes can share one folder:
/// SQLite runs in WAL mode with a busy timeout, and a result file is written under a temporary
/// name and renamed into place, so a reader sees a whole entry or none.

#include <memory>
#include <string>

#include "hamilton/caching/stores.hpp"
#include "hamilton/export.hpp"

namespace hamilton::caching {

/// A MetadataStore in the SQLite database `<path>/metadata_store.db` (the folder is created).
/// Throws io::IoError if the database cannot be opened or is not one.
HAMILTON_EXPORT std::shared_ptr<MetadataStore> sqlite_metadata_store(const std::string& path);

/// A ResultStore of files in the folder `path` (created). Each file holds a header (magic,
/// format version, length, XXH64 checksum) and the value as `caching::encode` writes it; an
/// entry whose header, length or checksum is wrong throws CacheFormatError naming the file.
/// Values of a type without a codec are not stored (`set` returns false).
HAMILTON_EXPORT std::shared_ptr<ResultStore> file_result_store(const std::string& path);

}  // namespace hamilton::caching
