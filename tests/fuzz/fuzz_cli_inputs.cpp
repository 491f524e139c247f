// Fuzz target `cli_inputs`: the command line's input parsing (tools/hamilton-cpp/inputs.cpp, the
// object library hamilton_cli_inputs), then the conversion of the values to the types a graph
// takes (convert_values), on a graph whose inputs have many types.
//
// First byte even: the rest is `--input` values, one `K=V` per line (parse_assignments). Odd: the
// rest is a JSON inputs file (read_json_values, as `--inputs-file`). Bad input must be a CliError
// (an exit code) or a hamilton::Error, never a crash, undefined behaviour or another exception (the
// command line reports those as "internal error").
#include <sys/mman.h>
#include <unistd.h>

#include <hamilton/hamilton.hpp>
#include <string>
#include <vector>

#include "cli.hpp"
#include "fuzz_target.hpp"

using hamilton::Series;

HAMILTON_MODULE(fuzz_cli_inputs);

NODE(double, from_int, (int i)) { return i; }
NODE(double, from_unsigned, (unsigned u)) { return u; }
NODE(double, from_int64, (std::int64_t i64)) { return static_cast<double>(i64); }
NODE(double, from_uint8, (std::uint8_t u8)) { return u8; }
NODE(double, from_short, (short s16)) { return s16; }
NODE(double, from_float, (float f)) { return f; }
NODE(double, from_double, (double d)) { return d; }
NODE(double, from_bool, (bool b)) { return b ? 1 : 0; }
NODE(std::size_t, from_string, (const std::string& str)) { return str.size(); }
NODE(std::size_t, from_series, (const Series& series)) { return series.size(); }
NODE(std::size_t, from_vector, (const std::vector<double>& vec)) { return vec.size(); }
NODE(std::size_t, from_strings, (const std::vector<std::string>& strs)) { return strs.size(); }

namespace {

const hamilton::Graph& graph() {
  static const hamilton::Driver dr = hamilton::Builder().with_modules("fuzz_cli_inputs").build();
  return dr.graph();
}

// A file holding `text` that std::ifstream can open by path (in memory: no disk traffic).
std::string file_with(const std::string& text) {
  static const int fd = ::memfd_create("fuzz_cli_inputs", MFD_CLOEXEC);
  HAMILTON_FUZZ_CHECK(fd >= 0, "memfd_create failed");
  HAMILTON_FUZZ_CHECK(::ftruncate(fd, 0) == 0, "ftruncate failed");
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n =
        ::pwrite(fd, text.data() + done, text.size() - done, static_cast<off_t>(done));
    HAMILTON_FUZZ_CHECK(n > 0, "pwrite failed");
    done += static_cast<std::size_t>(n);
  }
  return "/proc/self/fd/" + std::to_string(fd);
}

}  // namespace

HAMILTON_FUZZ_TARGET(cli_inputs) {
  if (size == 0) return 0;
  const bool json_file = (data[0] & 1) != 0;
  const std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  hamilton_cpp::GivenValues values;
  try {
    if (json_file) {
      values = hamilton_cpp::read_json_values(file_with(rest), "inputs");
    } else {
      std::vector<std::string> texts;
      std::size_t start = 0;
      while (start <= rest.size()) {
        std::size_t end = rest.find('\n', start);
        if (end == std::string::npos) end = rest.size();
        texts.push_back(rest.substr(start, end - start));
        start = end + 1;
      }
      hamilton_cpp::parse_assignments(texts, "input", values);
    }
    hamilton_cpp::convert_values(values, &graph());
  } catch (const hamilton_cpp::CliError&) {
  } catch (const hamilton::Error&) {
  }
  return 0;
}
