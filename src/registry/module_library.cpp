// Loading modules from shared libraries (dlopen): their NODE registrations run on load.
//
// Before dlopen sees a file, it is checked (check_module_library_file): dlopen blocks forever
// on a FIFO and maps a truncated library's segments past the end of the file, so that the
// first touch of them dies of SIGBUS inside the dynamic loader.
#include "registry/module_library.hpp"

#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <limits>
#include <mutex>
#include <system_error>
#include <type_traits>

#include "hamilton/registry/abi.hpp"
#include "registry/registry.hpp"

namespace hamilton::detail {
namespace {

// ---- the ELF image ---------------------------------------------------------------------------

constexpr bool k64 = sizeof(void*) == 8;
using Ehdr = std::conditional_t<k64, Elf64_Ehdr, Elf32_Ehdr>;
using Phdr = std::conditional_t<k64, Elf64_Phdr, Elf32_Phdr>;
using Shdr = std::conditional_t<k64, Elf64_Shdr, Elf32_Shdr>;
constexpr unsigned char kClass = k64 ? ELFCLASS64 : ELFCLASS32;
constexpr unsigned char kData =
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ? ELFDATA2LSB : ELFDATA2MSB;

#if defined(__x86_64__)
constexpr int kMachine = EM_X86_64;
#elif defined(__aarch64__)
constexpr int kMachine = EM_AARCH64;
#elif defined(__i386__)
constexpr int kMachine = EM_386;
#elif defined(__arm__)
constexpr int kMachine = EM_ARM;
#elif defined(__powerpc64__)
constexpr int kMachine = EM_PPC64;
#elif defined(__powerpc__)
constexpr int kMachine = EM_PPC;
#elif defined(__s390__)
constexpr int kMachine = EM_S390;
#elif defined(__riscv)
constexpr int kMachine = EM_RISCV;
#elif defined(__mips__)
constexpr int kMachine = EM_MIPS;
#else
constexpr int kMachine = -1;  // another machine: not checked (dlopen still refuses a wrong one)
#endif

std::string machine_name(int machine) {
  switch (machine) {
    case EM_X86_64:
      return "x86-64";
    case EM_AARCH64:
      return "AArch64";
    case EM_386:
      return "x86 (i386)";
    case EM_ARM:
      return "ARM";
    case EM_PPC64:
      return "PowerPC64";
    case EM_PPC:
      return "PowerPC";
    case EM_S390:
      return "s390";
    case EM_RISCV:
      return "RISC-V";
    case EM_MIPS:
      return "MIPS";
    default:
      return fmt::format("ELF machine {}", machine);
  }
}

constexpr const char* kPass =
    "pass a shared library built with hamilton_add_module(<name> SHARED ...)";

std::string corrupt(std::string_view what) {
  return fmt::format("has a corrupt ELF header ({}); rebuild it", what);
}

std::string truncated(std::string_view what, std::uint64_t end, std::uint64_t size) {
  return fmt::format("is truncated: {} ends at byte {}, the file has {} bytes; rebuild it", what,
                     end, size);
}

// The file range [offset, offset + length) of `what`, inside an image of `size` bytes?
std::string check_range(std::string_view what, std::uint64_t offset, std::uint64_t length,
                        std::uint64_t size) {
  if (length > std::numeric_limits<std::uint64_t>::max() - offset)
    return corrupt(
        fmt::format("{} has offset {} and size {}, past any file", what, offset, length));
  if (offset + length > size) return truncated(what, offset + length, size);
  return {};
}

const char* file_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  return "not a regular file";
}

// ---- libraries loaded into the process ----------------------------------------------------

struct LoadedLibrary {
  void* handle = nullptr;
  // the nodes that loading it registered, by module, in registration order
  std::vector<std::pair<std::string, std::vector<NodeSpec>>> modules;
};

using FileId = std::pair<std::uint64_t, std::uint64_t>;  // device, inode

std::mutex& library_mutex() {
  static std::mutex m;
  return m;
}
// Entries are never changed or erased once inserted: readers may keep pointers to them.
std::map<FileId, LoadedLibrary>& loaded_libraries() {
  static std::map<FileId, LoadedLibrary> libs;
  return libs;
}

Problem library_problem(ErrorCode code, std::string message) {
  Problem p;
  p.code = code;
  p.message = std::move(message);
  return p;
}

// The name to give dlopen for `path`: with a slash, so that dlopen does not search the
// library path for it.
std::string dlopen_name(const std::string& path) {
  std::error_code ec;
  std::string file = std::filesystem::canonical(path, ec).string();
  if (ec) file = std::filesystem::absolute(path, ec).string();
  if (ec) file = path;
  return file;
}

// Whether the library at `path` is in the process already (without loading it).
bool in_process(const std::string& path) {
  void* loaded = dlopen(dlopen_name(path).c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD);
  if (loaded) dlclose(loaded);  // RTLD_NOLOAD counted a reference
  return loaded != nullptr;
}

// dlopen()s the checked file `path` (`key` is its device and inode) and records the nodes its
// registrations added. Called with library_mutex() held. Null (and a problem) if it fails.
const LoadedLibrary* load_into_process(const std::string& path, const FileId& key,
                                       std::vector<Problem>& problems) {
  auto& libs = loaded_libraries();
  const std::string file = dlopen_name(path);

  if (void* loaded = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD)) {
    // already in the process: under another file identity we know (rebuilt in place), or
    // brought in by something else, whose registrations cannot be told apart from others'
    for (const auto& [id, lib] : libs)
      if (lib.handle == loaded) return &libs.emplace(key, lib).first->second;
    problems.push_back(library_problem(
        ErrorCode::module_library_load,
        fmt::format("module library `{}` was part of this program before hamilton loaded it (the "
                    "program links it, or a library loaded earlier depends on it): any modules it "
                    "has were registered then; use them by name (Builder::with_modules), or pass "
                    "only the module library that depends on it",
                    path)));
    return nullptr;
  }

  std::map<std::string, std::size_t> before;
  for (const auto& name : registry().names()) before[name] = registry().find(name)->size();
  void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* err = dlerror();
    problems.push_back(library_problem(
        ErrorCode::module_library_load,
        fmt::format("cannot load module library `{}`: {}", path, err ? err : "unknown error")));
    return nullptr;
  }
  LoadedLibrary lib;
  lib.handle = handle;
  for (const auto& name : registry().names()) {
    auto b = before.find(name);
    const std::size_t had = b == before.end() ? 0 : b->second;
    std::vector<NodeSpec> nodes = registry().find(name)->nodes();
    if (nodes.size() <= had) continue;
    nodes.erase(nodes.begin(), nodes.begin() + static_cast<std::ptrdiff_t>(had));
    lib.modules.emplace_back(name, std::move(nodes));
  }
  return &libs.emplace(key, std::move(lib)).first->second;
}

}  // namespace

std::string check_elf_image(const ImageReader& read, std::uint64_t size) {
  auto unreadable = [](std::uint64_t at) {
    return fmt::format("cannot be read (an input/output error at byte {})", at);
  };
  if (size == 0) return fmt::format("is empty (0 bytes); rebuild it, or {}", kPass);
  unsigned char ident[EI_NIDENT] = {};
  const std::size_t head = size < EI_NIDENT ? static_cast<std::size_t>(size) : EI_NIDENT;
  if (!read(0, ident, head)) return unreadable(0);
  if (std::memcmp(ident, ELFMAG, head < SELFMAG ? head : SELFMAG) != 0)
    return fmt::format(
        "is not an ELF shared library (it does not start with the ELF magic "
        "number; a text file or another kind of file?); {}",
        kPass);
  if (size < sizeof(Ehdr)) return truncated("the ELF header", sizeof(Ehdr), size);
  if (ident[EI_CLASS] != kClass) {
    if (ident[EI_CLASS] != ELFCLASS32 && ident[EI_CLASS] != ELFCLASS64)
      return corrupt(fmt::format("unknown ELF class {}", ident[EI_CLASS]));
    return fmt::format(
        "is a {}-bit ELF file, this program is {}-bit; build the module for this "
        "machine",
        ident[EI_CLASS] == ELFCLASS64 ? 64 : 32, k64 ? 64 : 32);
  }
  if (ident[EI_DATA] != kData) {
    if (ident[EI_DATA] != ELFDATA2LSB && ident[EI_DATA] != ELFDATA2MSB)
      return corrupt(fmt::format("unknown byte order {}", ident[EI_DATA]));
    return fmt::format(
        "is a {}-endian ELF file, this machine is {}-endian; build the module for "
        "this machine",
        ident[EI_DATA] == ELFDATA2LSB ? "little" : "big", kData == ELFDATA2LSB ? "little" : "big");
  }
  if (ident[EI_VERSION] != EV_CURRENT)
    return corrupt(fmt::format("ELF version {}", ident[EI_VERSION]));

  Ehdr eh;
  if (!read(0, &eh, sizeof eh)) return unreadable(0);
  if (kMachine >= 0 && eh.e_machine != kMachine)
    return fmt::format(
        "is built for {}, this program runs on {}; build the module for this "
        "machine",
        machine_name(eh.e_machine), machine_name(kMachine));
  switch (eh.e_type) {
    case ET_DYN:
      break;
    case ET_EXEC:
      return fmt::format("is an executable, not a shared library; {}", kPass);
    case ET_REL:
      return fmt::format("is an object file (.o), not a shared library; {}", kPass);
    case ET_CORE:
      return fmt::format("is a core dump, not a shared library; {}", kPass);
    default:
      return fmt::format("is not a shared library (ELF file type {}); {}", eh.e_type, kPass);
  }
  if (eh.e_version != EV_CURRENT) return corrupt(fmt::format("ELF version {}", eh.e_version));
  if (eh.e_phentsize != sizeof(Phdr))
    return corrupt(
        fmt::format("program header entries of {} bytes, not {}", eh.e_phentsize, sizeof(Phdr)));
  if (eh.e_phnum == 0) return corrupt("no program headers");
  const std::uint64_t table = std::uint64_t{eh.e_phnum} * sizeof(Phdr);
  if (auto p = check_range("the program header table", eh.e_phoff, table, size); !p.empty())
    return p;
  std::vector<Phdr> ph(eh.e_phnum);
  if (!read(eh.e_phoff, ph.data(), static_cast<std::size_t>(table))) return unreadable(eh.e_phoff);
  bool loadable = false;
  for (std::size_t i = 0; i < ph.size(); ++i) {
    if (ph[i].p_type != PT_LOAD && ph[i].p_type != PT_DYNAMIC) continue;
    loadable = loadable || ph[i].p_type == PT_LOAD;
    const auto what = fmt::format(
        "{} {}", ph[i].p_type == PT_LOAD ? "segment" : "the dynamic section, segment", i);
    if (auto p = check_range(what, ph[i].p_offset, ph[i].p_filesz, size); !p.empty()) return p;
  }
  if (!loadable) return corrupt("no loadable segment");
  return {};
}

namespace {
ImageReader memory_reader(std::string_view bytes) {
  return [bytes](std::uint64_t offset, void* out, std::size_t n) {
    if (offset > bytes.size() || n > bytes.size() - offset) return false;
    if (n > 0) std::memcpy(out, bytes.data() + offset, n);
    return true;
  };
}

constexpr std::string_view kStampSection = ".hamilton_abi";
// bounds on what is read of a section table: far above any real library's
constexpr std::uint64_t kMaxNames = std::uint64_t{16} << 20;
constexpr std::uint64_t kMaxStamps = std::uint64_t{16} << 20;
}  // namespace

std::string check_elf_image(std::string_view bytes) {
  return check_elf_image(memory_reader(bytes), bytes.size());
}

std::string_view library_abi_tag() noexcept { return HAMILTON_ABI_TAG; }

AbiStampCheck check_abi_stamp(const ImageReader& read, std::uint64_t size,
                              std::string_view expected) {
  AbiStampCheck out;
  auto fail = [&](std::string what) {
    out.problem = fmt::format("has an unreadable section table ({}); rebuild it", what);
    return out;
  };
  Ehdr eh;
  if (size < sizeof eh || !read(0, &eh, sizeof eh)) return fail("no ELF header");
  if (eh.e_shoff == 0 || eh.e_shnum == 0) {  // no sections (or more than 65279: not a module)
    out.missing = true;
    return out;
  }
  if (eh.e_shentsize != sizeof(Shdr))
    return fail(fmt::format("entries of {} bytes, not {}", eh.e_shentsize, sizeof(Shdr)));
  const std::uint64_t table = std::uint64_t{eh.e_shnum} * sizeof(Shdr);
  if (!check_range("the section header table", eh.e_shoff, table, size).empty())
    return fail("the table is past the end of the file");
  std::vector<Shdr> sh(eh.e_shnum);
  if (!read(eh.e_shoff, sh.data(), static_cast<std::size_t>(table))) return fail("read error");
  if (eh.e_shstrndx == SHN_UNDEF || eh.e_shstrndx >= sh.size()) {
    out.missing = true;  // no section names
    return out;
  }
  const Shdr& names_header = sh[eh.e_shstrndx];
  if (names_header.sh_size > kMaxNames ||
      !check_range("the section names", names_header.sh_offset, names_header.sh_size, size).empty())
    return fail("the section names are past the end of the file");
  std::string names(static_cast<std::size_t>(names_header.sh_size), '\0');
  if (!read(names_header.sh_offset, names.data(), names.size())) return fail("read error");

  std::string stamps;
  for (const Shdr& s : sh) {
    if (s.sh_type == SHT_NOBITS || s.sh_name >= names.size()) continue;
    const std::string_view name(names.c_str() + s.sh_name);
    if (name != kStampSection) continue;
    if (s.sh_size > kMaxStamps - stamps.size())  // all of them together: bounded
      return fail("the `.hamilton_abi` sections hold more than 16 MiB");
    if (!check_range("the ABI stamps", s.sh_offset, s.sh_size, size).empty())
      return fail("the `.hamilton_abi` section is past the end of the file");
    const std::size_t at = stamps.size();
    stamps.resize(at + static_cast<std::size_t>(s.sh_size));
    if (!read(s.sh_offset, stamps.data() + at, static_cast<std::size_t>(s.sh_size)))
      return fail("read error");
  }
  // one NUL-terminated stamp per file, with alignment padding (NULs) between them
  bool any = false;
  for (std::size_t begin = 0; begin < stamps.size();) {
    std::size_t end = stamps.find('\0', begin);
    if (end == std::string::npos) end = stamps.size();
    const std::string_view stamp(stamps.data() + begin, end - begin);
    begin = end + 1;
    if (stamp.empty()) continue;
    any = true;
    if (stamp == expected) continue;
    constexpr std::size_t kShown = 120;
    const bool printable = std::all_of(stamp.begin(), stamp.end(), [](char c) {
      return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f;
    });
    out.problem = fmt::format(
        "was compiled against other hamilton-cpp headers (its ABI stamp is \"{}\", this "
        "program's hamilton-cpp is \"{}\"): its code would disagree with the library on the "
        "layout of hamilton's types, so it is not loaded; rebuild it against the hamilton-cpp "
        "it is loaded into (hamilton_add_module(<name> SHARED ...), or hamilton_cpp.load_cpp)",
        printable ? std::string(stamp.substr(0, kShown)) : std::string("(not text)"), expected);
    return out;
  }
  out.missing = !any;
  return out;
}

AbiStampCheck check_abi_stamp(std::string_view bytes, std::string_view expected) {
  return check_abi_stamp(memory_reader(bytes), bytes.size(), expected);
}

LibraryFileCheck check_module_library_file(const std::string& path) {
  LibraryFileCheck out;
  // O_NONBLOCK: opening a FIFO for reading does not wait for a writer
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    const int err = errno;
    out.missing = err == ENOENT || err == ENOTDIR;
    out.problem = fmt::format("cannot be opened: {}", std::generic_category().message(err));
    return out;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    out.problem = fmt::format("cannot be read: {}", std::generic_category().message(errno));
    return out;
  }
  out.device = static_cast<std::uint64_t>(st.st_dev);
  out.inode = static_cast<std::uint64_t>(st.st_ino);
  if (!S_ISREG(st.st_mode)) {
    out.problem = fmt::format("is not a regular file (it is {}); {}", file_kind(st.st_mode), kPass);
    return out;
  }
  const ImageReader read = [fd](std::uint64_t offset, void* buffer, std::size_t n) {
    auto* p = static_cast<char*>(buffer);
    while (n > 0) {
      const ssize_t got = ::pread(fd, p, n, static_cast<off_t>(offset));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) return false;
      p += got;
      offset += static_cast<std::uint64_t>(got);
      n -= static_cast<std::size_t>(got);
    }
    return true;
  };
  const auto size = static_cast<std::uint64_t>(st.st_size);
  out.problem = check_elf_image(read, size);
  if (!out.problem.empty()) return out;
  AbiStampCheck stamp = check_abi_stamp(read, size, library_abi_tag());
  out.unstamped = stamp.missing;
  out.abi_problem = std::move(stamp.problem);
  return out;
}

std::vector<Module> ModuleLibraries::load(const std::string& path, std::vector<Problem>& problems) {
  const LibraryFileCheck file = check_module_library_file(path);
  if (file.missing) {
    problems.push_back(
        library_problem(ErrorCode::module_library_missing,
                        fmt::format("module library `{}` does not exist; build it with "
                                    "hamilton_add_module(<name> SHARED ...) and pass its path",
                                    path)));
    return {};
  }
  if (!file.problem.empty()) {
    problems.push_back(library_problem(ErrorCode::module_library_load,
                                       fmt::format("module library `{}` {}", path, file.problem)));
    return {};
  }
  const FileId key{file.device, file.inode};
  // the same file again (the same path twice, a symbolic or hard link to it): once is enough
  if (!files_.insert(key).second) return {};

  const LoadedLibrary* lib = nullptr;
  {
    std::lock_guard lock(library_mutex());
    auto& libs = loaded_libraries();
    auto it = libs.find(key);
    if (it != libs.end()) {
      lib = &it->second;
    } else if ((file.unstamped || !file.abi_problem.empty()) && !in_process(path)) {
      // not loaded: its code was not compiled against these headers (a library the program
      // has already is reported by load_into_process)
      problems.push_back(
          file.unstamped
              ? library_problem(
                    ErrorCode::module_library_empty,
                    fmt::format("module library `{}` defines no modules: it was not compiled "
                                "with hamilton-cpp's headers (it has no ABI stamp, the "
                                "`.hamilton_abi` section that <hamilton/registry/module.hpp> "
                                "adds); {}",
                                path, kPass))
              : library_problem(ErrorCode::module_library_load,
                                fmt::format("module library `{}` {}", path, file.abi_problem)));
      return {};
    } else {
      lib = load_into_process(path, key, problems);
    }
  }
  if (!lib) return {};
  if (lib->modules.empty()) {
    problems.push_back(library_problem(
        ErrorCode::module_library_empty,
        fmt::format("module library `{}` defines no modules: it has no HAMILTON_MODULE with NODEs",
                    path)));
    return {};
  }

  std::vector<Module> out;
  for (const auto& [name, nodes] : lib->modules) {
    auto it = modules_.find(name);
    const bool first = it == modules_.end();
    if (first) it = modules_.emplace(name, Module(name)).first;
    for (const NodeSpec& spec : nodes) {
      auto [origin, added] = origins_.try_emplace(
          std::tuple{name, spec.name, spec.function_name, spec.location.file, spec.location.line},
          path);
      if (!added && origin->second != path) {
        // the same source line compiled into two libraries (often: a copy of one library)
        problems.push_back(Problem{
            ErrorCode::duplicate_node,
            spec.name,
            name,
            spec.location,
            fmt::format("`{}` is defined by two module libraries, `{}` and `{}`, both compiled "
                        "from this source line (is one a copy of the other?); pass only one of "
                        "them",
                        spec.name, origin->second, path),
            {}});
        continue;
      }
      it->second.add(spec);
    }
    if (first) out.push_back(it->second);
  }
  return out;
}

}  // namespace hamilton::detail
