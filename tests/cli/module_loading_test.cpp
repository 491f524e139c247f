// Loading module libraries: files that are not loadable libraries (truncated, not ELF, FIFOs,
// folders) are refused with a clear message before dlopen sees them; each library file is loaded
// once per build; one module's nodes from two libraries are merged; a copy of a library is a
// duplicate that names both files; a library compiled against other headers (its ABI stamp) is
// refused before it is loaded. Through Builder::with_module_library and the real
// hamilton-cpp binary (exit codes of docs/cli.md).
#include <dlfcn.h>
#include <elf.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <hamilton/hamilton.hpp>
#include <hamilton/registry/abi.hpp>
#include <hamilton/version.hpp>
#include <set>
#include <string>
#include <vector>

#include "cli_util.hpp"
#include "registry/module_library.hpp"

namespace fs = std::filesystem;
using hamilton::ErrorCode;
using testing::HasSubstr;
using testing::Not;

namespace {

// The problems of building a graph from the module libraries `paths`; fails if it builds.
std::vector<hamilton::Problem> build_problems(const std::vector<std::string>& paths) {
  hamilton::Builder b;
  for (const auto& p : paths) b.with_module_library(p);
  try {
    b.build();
  } catch (const hamilton::GraphError& e) {
    return e.problems();
  }
  ADD_FAILURE() << "expected a GraphError";
  return {};
}

// The one problem of loading `path`; fails unless there is exactly one, of `code`.
std::string one_problem(const std::string& path, ErrorCode code) {
  auto problems = build_problems({path});
  if (problems.size() != 1) {
    ADD_FAILURE() << problems.size() << " problems for " << path;
    return {};
  }
  EXPECT_EQ(problems[0].code, code) << problems[0].message;
  return problems[0].message;
}

std::string bytes_of(const std::string& path) { return read_file(path); }

struct Segment {
  std::size_t index;
  std::uint64_t end;  // offset + file size
};

// The PT_LOAD segments of a (64-bit, native) ELF image, in program header order.
std::vector<Segment> load_segments(const std::string& image) {
  Elf64_Ehdr eh;
  std::memcpy(&eh, image.data(), sizeof eh);
  std::vector<Segment> out;
  for (std::size_t i = 0; i < eh.e_phnum; ++i) {
    Elf64_Phdr ph;
    std::memcpy(&ph, image.data() + eh.e_phoff + i * sizeof ph, sizeof ph);
    if (ph.p_type == PT_LOAD) out.push_back({i, ph.p_offset + ph.p_filesz});
  }
  return out;
}

// Runs hamilton-cpp with a time limit, through the shared helper.
CliResult run_cli_limited(int seconds, const std::string& args) {
  CliRun how;
  how.timeout_seconds = seconds;
  return run_cli(args, how);
}

}  // namespace

// ---- files that are not loadable libraries ------------------------------------------------

static_assert(sizeof(void*) == 8, "these tests read 64-bit ELF headers");

TEST(ModuleLoading, TruncatedLibraryIsRefusedAtEveryCutNotLoaded) {
  // dlopen of a library cut inside its loaded segments dies of SIGBUS; each cut is an error
  const std::string image = bytes_of(CLI_HELLO_LIB);
  const auto segments = load_segments(image);
  ASSERT_FALSE(segments.empty());
  std::uint64_t last_end = 0;
  for (const auto& s : segments) last_end = std::max(last_end, s.end);
  ASSERT_GT(last_end, 2000u);
  ASSERT_LE(last_end, image.size());
  TempDir dir;
  const int cuts = 20;
  for (int i = 0; i < cuts; ++i) {
    const std::uint64_t cut = 1000 + (last_end - 1 - 1000) * i / (cuts - 1);  // 1000 .. last_end-1
    const std::string path = (dir.path / ("cut_" + std::to_string(cut) + ".so")).string();
    write_file(path, image.substr(0, cut));
    // the first loaded segment (in program header order) that does not fit
    const Segment* short_one = nullptr;
    for (const auto& s : segments)
      if (s.end > cut) {
        short_one = &s;
        break;
      }
    ASSERT_NE(short_one, nullptr);
    EXPECT_EQ(one_problem(path, ErrorCode::module_library_load),
              "module library `" + path + "` is truncated: segment " +
                  std::to_string(short_one->index) + " ends at byte " +
                  std::to_string(short_one->end) + ", the file has " + std::to_string(cut) +
                  " bytes; rebuild it")
        << "cut at " << cut;
  }
}

TEST(ModuleLoading, TruncatedInsideTheHeadersIsRefused) {
  const std::string image = bytes_of(CLI_HELLO_LIB);
  Elf64_Ehdr eh;
  std::memcpy(&eh, image.data(), sizeof eh);
  const std::uint64_t table_end = eh.e_phoff + std::uint64_t{eh.e_phnum} * sizeof(Elf64_Phdr);
  TempDir dir;
  auto cut = [&](std::size_t n) {
    const std::string path = (dir.path / ("head_" + std::to_string(n) + ".so")).string();
    write_file(path, image.substr(0, n));
    return std::pair{path, one_problem(path, ErrorCode::module_library_load)};
  };
  for (std::size_t n : {std::size_t{2}, std::size_t{16}, std::size_t{63}}) {
    auto [path, message] = cut(n);
    EXPECT_EQ(message, "module library `" + path +
                           "` is truncated: the ELF header ends at byte 64, the file has " +
                           std::to_string(n) + " bytes; rebuild it");
  }
  for (std::size_t n : {std::size_t{64}, static_cast<std::size_t>(table_end - 1)}) {
    auto [path, message] = cut(n);
    EXPECT_EQ(message, "module library `" + path +
                           "` is truncated: the program header table ends at byte " +
                           std::to_string(table_end) + ", the file has " + std::to_string(n) +
                           " bytes; rebuild it");
  }
  auto [empty, message] = cut(0);
  EXPECT_THAT(message, HasSubstr("module library `" + empty + "` is empty (0 bytes)"));
}

TEST(ModuleLoading, FolderTextFileAndOtherElfFilesAreRefused) {
  TempDir dir;
  EXPECT_EQ(one_problem(dir.path.string(), ErrorCode::module_library_load),
            "module library `" + dir.path.string() +
                "` is not a regular file (it is a directory); pass a shared library built with "
                "hamilton_add_module(<name> SHARED ...)");
  const std::string text = (dir.path / "notes.txt").string();
  write_file(text, "these are not the nodes you are looking for\n");
  EXPECT_EQ(one_problem(text, ErrorCode::module_library_load),
            "module library `" + text +
                "` is not an ELF shared library (it does not start with the ELF magic number; a "
                "text file or another kind of file?); pass a shared library built with "
                "hamilton_add_module(<name> SHARED ...)");

  const std::string image = bytes_of(CLI_HELLO_LIB);
  auto patched = [&](const char* name, std::size_t at, const void* bytes, std::size_t n) {
    std::string copy = image;
    std::memcpy(copy.data() + at, bytes, n);
    const std::string path = (dir.path / name).string();
    write_file(path, copy);
    return std::pair{path, one_problem(path, ErrorCode::module_library_load)};
  };
  const unsigned char class32 = ELFCLASS32;
  auto [c32, m32] = patched("class32.so", EI_CLASS, &class32, 1);
  EXPECT_EQ(m32, "module library `" + c32 +
                     "` is a 32-bit ELF file, this program is 64-bit; build the module for this "
                     "machine");
  const Elf64_Half sparc = EM_SPARC;
  auto [other, mo] = patched("sparc.so", offsetof(Elf64_Ehdr, e_machine), &sparc, sizeof sparc);
  EXPECT_THAT(mo, HasSubstr("module library `" + other +
                            "` is built for ELF machine 2, this program runs on"));
  const Elf64_Half rel = ET_REL;
  auto [object, mr] = patched("object.so", offsetof(Elf64_Ehdr, e_type), &rel, sizeof rel);
  EXPECT_THAT(mr, HasSubstr("module library `" + object +
                            "` is an object file (.o), not a shared library"));
}

TEST(ModuleLoading, ImageCheckAcceptsARealLibrary) {
  EXPECT_EQ(hamilton::detail::check_elf_image(bytes_of(CLI_HELLO_LIB)), "");
  EXPECT_EQ(hamilton::detail::check_elf_image(bytes_of(CLI_SPLIT_A_LIB)), "");
  // a loaded segment whose offset + size overflows
  std::string image = bytes_of(CLI_HELLO_LIB);
  Elf64_Ehdr eh;
  std::memcpy(&eh, image.data(), sizeof eh);
  for (std::size_t i = 0; i < eh.e_phnum; ++i) {
    Elf64_Phdr ph;
    std::memcpy(&ph, image.data() + eh.e_phoff + i * sizeof ph, sizeof ph);
    if (ph.p_type != PT_LOAD) continue;
    ph.p_offset = ~std::uint64_t{0} - 10;
    std::memcpy(image.data() + eh.e_phoff + i * sizeof ph, &ph, sizeof ph);
    break;
  }
  EXPECT_THAT(hamilton::detail::check_elf_image(image),
              HasSubstr("has a corrupt ELF header (segment "));
}

TEST(ModuleLoading, LibraryTheProgramAlreadyHasIsRefusedClearly) {
  // libhamilton_core itself: in the program already, so dlopen would register nothing new
  Dl_info info{};
  ASSERT_NE(::dladdr(reinterpret_cast<void*>(&hamilton::registered_modules), &info), 0);
  const std::string core = info.dli_fname;
  EXPECT_EQ(one_problem(core, ErrorCode::module_library_load),
            "module library `" + core +
                "` was part of this program before hamilton loaded it (the program links it, or a "
                "library loaded earlier depends on it): any modules it has were registered then; "
                "use them by name (Builder::with_modules), or pass only the module library that "
                "depends on it");
}

// ---- each library once; one module over two libraries; copies -----------------------------

TEST(ModuleLoading, SameLibraryTwiceOrThroughLinksIsLoadedOnce) {
  auto dr = hamilton::Builder()
                .with_module_library(CLI_HELLO_LIB)
                .with_module_library(CLI_HELLO_LIB)
                .build();
  EXPECT_TRUE(dr.graph().contains("avg_3wk_spend"));
  EXPECT_EQ(dr.graph().variable("spend_mean").module, "cli_stats");

  TempDir dir;
  const fs::path symlink = dir.path / "hello_link.so";
  fs::create_symlink(CLI_HELLO_LIB, symlink);
  // a hard link must be on the library's own file system: beside it
  const fs::path hard = fs::path(CLI_HELLO_LIB).parent_path() /
                        ("cli_hello_hardlink_" + std::to_string(::getpid()) + ".so");
  fs::remove(hard);
  fs::create_hard_link(CLI_HELLO_LIB, hard);
  auto again = hamilton::Builder()
                   .with_module_library(symlink.string())
                   .with_module_library(CLI_HELLO_LIB)
                   .with_module_library(hard.string())
                   .build();
  fs::remove(hard);
  auto r = again.execute({"spend_mean"}, {{"spend", std::vector<double>{1, 2, 3}}});
  EXPECT_DOUBLE_EQ(r.get<double>("spend_mean"), 2.0);
}

TEST(ModuleLoading, OneModuleOverTwoLibrariesIsMerged) {
  for (bool a_first : {true, false}) {
    hamilton::Builder b;
    if (a_first)
      b.with_module_library(CLI_SPLIT_A_LIB).with_module_library(CLI_SPLIT_B_LIB);
    else
      b.with_module_library(CLI_SPLIT_B_LIB).with_module_library(CLI_SPLIT_A_LIB);
    auto dr = b.build();
    for (const char* node : {"split_doubled", "split_plus_one", "split_sum"})
      EXPECT_EQ(dr.graph().variable(node).module, "cli_split") << node;
    auto r = dr.execute({"split_sum"}, {{"x", 3.0}});
    EXPECT_DOUBLE_EQ(r.get<double>("split_sum"), 10.0);  // 2*3 + (3+1)
  }
  // the first library alone has only its own nodes
  auto a = hamilton::Builder().with_module_library(CLI_SPLIT_A_LIB).build();
  EXPECT_TRUE(a.graph().contains("split_doubled"));
  EXPECT_FALSE(a.graph().contains("split_sum"));
}

TEST(ModuleLoading, CopyOfALibraryIsADuplicateNamingBothFiles) {
  TempDir dir;
  const std::string copy = (dir.path / "copy_of_cli_hello.so").string();
  fs::copy_file(CLI_HELLO_LIB, copy);
  auto problems = build_problems({CLI_HELLO_LIB, copy});
  ASSERT_FALSE(problems.empty());
  std::set<std::string> nodes;
  for (const auto& p : problems) {
    EXPECT_EQ(p.code, ErrorCode::duplicate_node) << p.message;
    EXPECT_EQ(p.message, "`" + p.node + "` is defined by two module libraries, `" +
                             std::string(CLI_HELLO_LIB) + "` and `" + copy +
                             "`, both compiled from this source line (is one a copy of the "
                             "other?); pass only one of them");
    EXPECT_THAT(p.message, Not(HasSubstr("more than once")));
    EXPECT_TRUE(p.location.known());
    nodes.insert(p.node);
  }
  EXPECT_TRUE(nodes.count("avg_3wk_spend"));
  EXPECT_TRUE(nodes.count("spend_mean"));
  EXPECT_EQ(nodes.size(), problems.size());  // one problem per node
  // the original alone still loads, and so does the copy alone
  EXPECT_TRUE(hamilton::Builder()
                  .with_module_library(CLI_HELLO_LIB)
                  .build()
                  .graph()
                  .contains("spend_mean"));
  EXPECT_TRUE(hamilton::Builder().with_module_library(copy).build().graph().contains("spend_mean"));
}

// ---- the ABI stamp: a library compiled against other headers -----------------------------

TEST(ModuleLoading, AbiTagNamesTheVersionAndAHashOfTheHeaders) {
  const std::string tag(hamilton::detail::library_abi_tag());
  EXPECT_EQ(tag, HAMILTON_ABI_TAG);
  const std::string prefix = std::string("hamilton-cpp ") + HAMILTON_VERSION_STRING + " abi ";
  ASSERT_EQ(tag.substr(0, prefix.size()), prefix);
  const std::string hash = tag.substr(prefix.size());
  EXPECT_EQ(hash.size(), 16u);
  EXPECT_EQ(hash.find_first_not_of("0123456789abcdef"), std::string::npos) << hash;
}

TEST(ModuleLoading, LibraryCompiledAgainstOtherHeadersIsRefusedNotLoaded) {
  const std::string lib = CLI_OTHER_ABI_LIB;
  EXPECT_EQ(one_problem(lib, ErrorCode::module_library_load),
            "module library `" + lib +
                "` was compiled against other hamilton-cpp headers (its ABI stamp is "
                "\"hamilton-cpp 0.0.9 abi 0123456789abcdef\", this program's hamilton-cpp is \"" +
                HAMILTON_ABI_TAG +
                "\"): its code would disagree with the library on the layout of hamilton's "
                "types, so it is not loaded; rebuild it against the hamilton-cpp it is loaded "
                "into (hamilton_add_module(<name> SHARED ...), or hamilton_cpp.load_cpp)");
  // refused before dlopen: its registrations never ran
  const auto modules = hamilton::registered_modules();
  EXPECT_EQ(std::count(modules.begin(), modules.end(), "cli_other_abi"), 0);
  EXPECT_EQ(::dlopen(lib.c_str(), RTLD_NOW | RTLD_NOLOAD), nullptr);
}

TEST(ModuleLoading, LibraryWithoutTheStampDefinesNoModules) {
  const std::string lib = CLI_EMPTY_LIB;
  EXPECT_EQ(one_problem(lib, ErrorCode::module_library_empty),
            "module library `" + lib +
                "` defines no modules: it was not compiled with hamilton-cpp's headers (it has "
                "no ABI stamp, the `.hamilton_abi` section that <hamilton/registry/module.hpp> "
                "adds); pass a shared library built with hamilton_add_module(<name> SHARED ...)");
  EXPECT_EQ(::dlopen(lib.c_str(), RTLD_NOW | RTLD_NOLOAD), nullptr);
}

TEST(ModuleLoading, StampsAreReadFromTheSectionTable) {
  const std::string tag(hamilton::detail::library_abi_tag());
  const std::string image = bytes_of(CLI_HELLO_LIB);
  auto ok = hamilton::detail::check_abi_stamp(image, tag);
  EXPECT_FALSE(ok.missing);
  EXPECT_EQ(ok.problem, "");
  // one stamp per source file that includes the headers (hello.cpp and stats.cpp)
  std::size_t stamps = 0;
  for (auto at = image.find(tag); at != std::string::npos; at = image.find(tag, at + 1)) ++stamps;
  EXPECT_EQ(stamps, 2u);

  // a stamp that differs in its last character
  std::string other = image;
  const auto at = other.rfind(tag);
  ASSERT_NE(at, std::string::npos);
  other[at + tag.size() - 1] = other[at + tag.size() - 1] == '0' ? '1' : '0';
  auto wrong = hamilton::detail::check_abi_stamp(other, tag);
  EXPECT_FALSE(wrong.missing);
  EXPECT_THAT(wrong.problem, HasSubstr("was compiled against other hamilton-cpp headers (its ABI "
                                       "stamp is \"" +
                                       other.substr(at, tag.size()) + "\""));

  // the section under another name: no stamp
  std::string renamed = image;
  const std::string name(".hamilton_abi\0", 14);
  const auto name_at = renamed.find(name);
  ASSERT_NE(name_at, std::string::npos);
  renamed[name_at + 12] = 'x';
  auto none = hamilton::detail::check_abi_stamp(renamed, tag);
  EXPECT_TRUE(none.missing);
  EXPECT_EQ(none.problem, "");

  // a section table past the end of the file: loadable by its program headers, but unreadable
  std::string cut_table = image;
  Elf64_Ehdr eh;
  std::memcpy(&eh, cut_table.data(), sizeof eh);
  eh.e_shoff = cut_table.size() - 8;
  std::memcpy(cut_table.data(), &eh, sizeof eh);
  EXPECT_EQ(hamilton::detail::check_elf_image(cut_table), "");
  EXPECT_EQ(hamilton::detail::check_abi_stamp(cut_table, tag).problem,
            "has an unreadable section table (the table is past the end of the file); rebuild it");
  TempDir dir;
  const std::string file = (dir.path / "cut_table.so").string();
  write_file(file, cut_table);
  EXPECT_EQ(one_problem(file, ErrorCode::module_library_load),
            "module library `" + file +
                "` has an unreadable section table (the table is past the end of the file); "
                "rebuild it");
}

// ---- the command line: exit codes -------------------------------------------------------

TEST(ModuleLoadingCli, FifoFolderTextAndTruncatedLibraryExitWith3) {
  TempDir dir;
  const std::string fifo = (dir.path / "pipe.so").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto r = run_cli_limited(20, "list --module " + fifo);  // dlopen would wait for a writer
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_THAT(r.err, HasSubstr("module library `" + fifo +
                               "` is not a regular file (it is a FIFO (named pipe))"));

  r = run_cli_limited(20, "list --module " + dir.path.string());
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_THAT(r.err, HasSubstr("is not a regular file (it is a directory)"));

  const std::string text = (dir.path / "lib.so").string();
  write_file(text, "INPUT(-lfoo)\n");
  r = run_cli_limited(20, "list --module " + text);
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_THAT(r.err, HasSubstr("is not an ELF shared library"));

  const std::string image = bytes_of(CLI_HELLO_LIB);
  const std::string cut = (dir.path / "cut.so").string();
  write_file(cut, image.substr(0, image.size() / 3));
  r = run_cli_limited(20, "list --module " + cut);
  EXPECT_EQ(r.code, 3) << r.err;  // not 135 (SIGBUS)
  EXPECT_THAT(r.err, HasSubstr("module library `" + cut + "` is truncated: segment "));
  EXPECT_THAT(r.err,
              HasSubstr("the file has " + std::to_string(image.size() / 3) + " bytes; rebuild it"));
}

TEST(ModuleLoadingCli, LibraryCompiledAgainstOtherHeadersExitsWith3) {
  auto r = run_cli_limited(60, std::string("list --module ") + CLI_OTHER_ABI_LIB);
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_THAT(r.err, HasSubstr(std::string("module library `") + CLI_OTHER_ABI_LIB +
                               "` was compiled against other hamilton-cpp headers"));
  EXPECT_THAT(r.err, HasSubstr(HAMILTON_ABI_TAG));
}

TEST(ModuleLoadingCli, SameModuleTwiceAndSplitModuleRun) {
  auto twice =
      run_cli_limited(60, std::string("list -m ") + CLI_HELLO_LIB + " -m " + CLI_HELLO_LIB);
  EXPECT_EQ(twice.code, 0) << twice.err;
  EXPECT_THAT(twice.out, HasSubstr("avg_3wk_spend"));

  auto split = run_cli_limited(60, std::string("run -m ") + CLI_SPLIT_A_LIB + " -m " +
                                       CLI_SPLIT_B_LIB + " --outputs split_sum --input x=3 --json");
  EXPECT_EQ(split.code, 0) << split.err;
  EXPECT_THAT(split.out, HasSubstr("\"split_sum\""));
  EXPECT_THAT(split.out, HasSubstr("10"));
}

TEST(ModuleLoadingCli, CopyOfALibraryExitsWith4NamingBothFiles) {
  TempDir dir;
  const std::string copy = (dir.path / "copy.so").string();
  fs::copy_file(CLI_HELLO_LIB, copy);
  auto r = run_cli_limited(60, std::string("list -m ") + CLI_HELLO_LIB + " -m " + copy);
  EXPECT_EQ(r.code, 4) << r.err;
  EXPECT_THAT(r.err, HasSubstr("`avg_3wk_spend` is defined by two module libraries, `" +
                               std::string(CLI_HELLO_LIB) + "` and `" + copy + "`"));
  EXPECT_THAT(r.err, Not(HasSubstr("more than once")));
}
