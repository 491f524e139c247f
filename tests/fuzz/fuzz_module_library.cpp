// Fuzz target `module_library`: the checks a module library file passes before dlopen sees it
// (hamilton::detail::check_module_library_file and check_elf_image, src/registry/
// module_library.cpp), on mutated ELF files; the seed corpus holds a small real module library.
//
// The target does not dlopen what passes the checks. The checks catch what an interrupted build
// or copy does to a library, and files that are not libraries for this machine; they do not, and
// cannot, make a crafted ELF file safe: glibc's dynamic loader trusts the file (relocations write
// where the file says, initialisers run code the file holds), so a mutated library that passes
// would run arbitrary code inside the fuzzer and every finding would be the loader's documented
// trust in its input, not a bug here. Each dlopen also stays mapped for good (NODE registrations
// point into the library). The target checks the file through a file descriptor, as the loader
// does, compares with the check of the bytes in memory (the ELF checks, then the ABI stamps in the
// `.hamilton_abi` section), and re-checks what it accepts.
#include <elf.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <string>
#include <string_view>

#include "fuzz_target.hpp"
#include "registry/module_library.hpp"

namespace {

// A file holding the bytes, opened by path (in memory: no disk traffic).
std::string file_with(std::string_view bytes) {
  static const int fd = ::memfd_create("fuzz_module_library", MFD_CLOEXEC);
  HAMILTON_FUZZ_CHECK(fd >= 0, "memfd_create failed");
  HAMILTON_FUZZ_CHECK(::ftruncate(fd, 0) == 0, "ftruncate failed");
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n =
        ::pwrite(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
    HAMILTON_FUZZ_CHECK(n > 0, "pwrite failed");
    done += static_cast<std::size_t>(n);
  }
  return "/proc/self/fd/" + std::to_string(fd);
}

template <class T>
T read_at(std::string_view bytes, std::uint64_t offset) {
  T value;
  std::memcpy(&value, bytes.data() + offset, sizeof value);
  return value;
}

}  // namespace

HAMILTON_FUZZ_TARGET(module_library) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::string in_memory = hamilton::detail::check_elf_image(bytes);
  const auto file = hamilton::detail::check_module_library_file(file_with(bytes));
  HAMILTON_FUZZ_CHECK(!file.missing, "the file is there");
  HAMILTON_FUZZ_CHECK(file.problem == in_memory, file.problem + " | " + in_memory);
  if (!in_memory.empty()) return 0;
  // an image the loader would take: the ABI stamps decide, read the same way from the file
  const auto stamp = hamilton::detail::check_abi_stamp(bytes, hamilton::detail::library_abi_tag());
  HAMILTON_FUZZ_CHECK(file.abi_problem == stamp.problem, file.abi_problem + " | " + stamp.problem);
  HAMILTON_FUZZ_CHECK(file.unstamped == stamp.missing,
                      "the file and the bytes disagree on the stamp");
  HAMILTON_FUZZ_CHECK(!(stamp.missing && !stamp.problem.empty()), "missing and wrong at once");
  // accepted: a native ELF header, program headers and every loaded segment inside the bytes
  static_assert(sizeof(void*) == 8, "64-bit ELF");
  HAMILTON_FUZZ_CHECK(size >= sizeof(Elf64_Ehdr), "accepted a file shorter than an ELF header");
  const auto eh = read_at<Elf64_Ehdr>(bytes, 0);
  HAMILTON_FUZZ_CHECK(std::memcmp(eh.e_ident, ELFMAG, SELFMAG) == 0, "accepted without ELF magic");
  HAMILTON_FUZZ_CHECK(eh.e_type == ET_DYN, "accepted a file that is not a shared object");
  HAMILTON_FUZZ_CHECK(eh.e_phentsize == sizeof(Elf64_Phdr) && eh.e_phnum > 0, "program headers");
  HAMILTON_FUZZ_CHECK(
      eh.e_phoff <= size && std::uint64_t{eh.e_phnum} * sizeof(Elf64_Phdr) <= size - eh.e_phoff,
      "accepted program headers past the end");
  bool loadable = false;
  for (std::size_t i = 0; i < eh.e_phnum; ++i) {
    const auto ph = read_at<Elf64_Phdr>(bytes, eh.e_phoff + i * sizeof(Elf64_Phdr));
    if (ph.p_type != PT_LOAD) continue;
    loadable = true;
    HAMILTON_FUZZ_CHECK(ph.p_offset <= size && ph.p_filesz <= size - ph.p_offset,
                        "accepted segment " + std::to_string(i) + " past the end");
  }
  HAMILTON_FUZZ_CHECK(loadable, "accepted without a loadable segment");
  return 0;
}
