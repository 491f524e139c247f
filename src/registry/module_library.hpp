#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "hamilton/errors.hpp"
#include "hamilton/export.hpp"
#include "hamilton/registry/module.hpp"

namespace hamilton::detail {

/// The module libraries of one Builder::build(): loads each library file once per process
/// (dlopen, after checking the file), and gives the build each file once (two paths to one
/// file, by device and inode, are one library) and each module once: when a module's nodes
/// come from several libraries, they are merged into one Module, in load order.
class ModuleLibraries {
 public:
  /// Loads the library at `path` and returns the modules it adds to this build that earlier
  /// calls did not return (a module returned before gains the library's nodes in place).
  /// Problems (missing file, not a shared library, truncated, load failure, no modules, the
  /// same node compiled into two libraries) are appended to `problems`.
  std::vector<Module> load(const std::string& path, std::vector<Problem>& problems);

 private:
  std::set<std::pair<std::uint64_t, std::uint64_t>> files_;  // (device, inode) given so far
  std::map<std::string, Module, std::less<>> modules_;       // module name -> merged module
  // (module, node, function, file, line) -> the library that gave that node to this build
  std::map<std::tuple<std::string, std::string, std::string, std::string, int>, std::string>
      origins_;
};

/// What a module library file is, as far as can be told without loading it.
struct HAMILTON_EXPORT LibraryFileCheck {
  std::uint64_t device = 0, inode = 0;
  /// The path does not exist (or a folder in it is not one).
  bool missing = false;
  /// What is wrong, to follow "module library `path` " (e.g. "is truncated: ..."); empty if
  /// the file looks loadable.
  std::string problem;
  /// The file is a loadable library without the ABI stamp of hamilton's headers: it was not
  /// compiled with them, so it defines no modules (unless the program has it already).
  bool unstamped = false;
  /// What is wrong with its ABI stamps (`check_abi_stamp`), to follow "module library `path` ";
  /// empty if they are this library's (or if it has none).
  std::string abi_problem;
};

/// Checks the file at `path` before it is given to dlopen (which hangs on a FIFO and dies of
/// SIGBUS on a truncated library): a regular file, opened without blocking, whose ELF image
/// passes `check_elf_image`, and whose ABI stamps are then read (`check_abi_stamp`). The path must
/// exist (a missing path is reported by the caller). Exported for the tests and the fuzz target
/// (tests/fuzz); not an installed header.
HAMILTON_EXPORT LibraryFileCheck check_module_library_file(const std::string& path);

/// Reads `n` bytes at `offset` of an image into `out`; false if it cannot. Callers only ask
/// for ranges inside the image's size.
using ImageReader = std::function<bool(std::uint64_t offset, void* out, std::size_t n)>;

/// Checks an ELF image of `size` bytes: an ELF header of this program's class, byte order and
/// machine, a shared object, program headers inside the image, and the file range of every
/// loadable segment (and of the dynamic section) inside the image. Returns what is wrong (to
/// follow "module library `path` "), or "" if dlopen can map it. It does not make a corrupt
/// library safe to load: it refuses the damage a file gets from an interrupted build or copy,
/// and files that are not shared libraries for this machine at all.
/// Exported for the tests and the fuzz target (tests/fuzz); not an installed header.
HAMILTON_EXPORT std::string check_elf_image(const ImageReader& read, std::uint64_t size);

/// `check_elf_image` of bytes in memory.
HAMILTON_EXPORT std::string check_elf_image(std::string_view bytes);

/// What the ABI stamps of an ELF image (which passed `check_elf_image`) say.
struct HAMILTON_EXPORT AbiStampCheck {
  /// The image has no `.hamilton_abi` section (or an empty one).
  bool missing = false;
  /// What is wrong, to follow "module library `path` ": a stamp that is not `expected`, or a
  /// section table that cannot be read. Empty if every stamp is `expected` (and if missing).
  std::string problem;
};

/// Reads the `.hamilton_abi` section of an ELF image of `size` bytes (one NUL-terminated
/// HAMILTON_ABI_TAG per file compiled with <hamilton/registry/module.hpp>) and compares each
/// stamp with `expected`, the running library's.
/// Exported for the tests and the fuzz target (tests/fuzz); not an installed header.
HAMILTON_EXPORT AbiStampCheck check_abi_stamp(const ImageReader& read, std::uint64_t size,
                                              std::string_view expected);

/// `check_abi_stamp` of bytes in memory.
HAMILTON_EXPORT AbiStampCheck check_abi_stamp(std::string_view bytes, std::string_view expected);

/// HAMILTON_ABI_TAG of the headers this library was built with.
HAMILTON_EXPORT std::string_view library_abi_tag() noexcept;

}  // namespace hamilton::detail
