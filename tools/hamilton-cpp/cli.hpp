#pragma once
// What the files of the hamilton-cpp command line share: the exit codes, the error that carries
// one, reading values (inputs.cpp), writing output (main.cpp) and the subcommands, one file per
// group: list.cpp (list, lineage), view.cpp, run.cpp (validate, run), catalog.cpp,
// diff.cpp, version.cpp.
#include <hamilton/hamilton.hpp>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace CLI {
class App;
}

namespace hamilton_cpp {

/// Exit codes (docs/cli.md).
enum Exit : int {
  kOk = 0,
  kInternal = 1,
  kUsage = 2,
  kModuleLibrary = 3,
  kGraph = 4,
  kUnknownNode = 5,
  kRequest = 6,
  kExecution = 7,
  kOutputFile = 8,
  kInputFile = 9,
};

/// An error the CLI reports with a given exit code.
struct CliError : std::runtime_error {
  CliError(int code, const std::string& message) : std::runtime_error(message), code(code) {}
  int code;
};

// ---- values from the command line and from files (inputs.cpp) -------------------------------

/// JSON inputs and config files (and `[...]` lists on the command line) may nest at most this
/// deep (docs/cli.md); the values read are at most a list in an object.
inline constexpr int kMaxJsonDepth = 64;

/// `text` for a message: at most `max_chars` bytes (not cutting a UTF-8 sequence), then `...`
/// and the full length.
std::string excerpt(std::string_view text, std::size_t max_chars = 60);

/// `j` as text, invalid UTF-8 in its strings replaced by U+FFFD (every JSON hamilton-cpp
/// writes goes through this; docs/cli.md).
std::string dump_json(const nlohmann::json& j, int indent = -1);

/// The whole content of the regular file at `path` (`what`: "inputs" or "config", for
/// messages). CliError(kInputFile) if it does not exist, cannot be read, or is not a regular
/// file (a FIFO, a directory, a device: refused without waiting on it).
std::string read_regular_file(const std::string& path, const char* what);

/// A value as the user gave it, before it is converted to the type the graph takes for it.
struct Given {
  std::string origin;     ///< for messages: "--input `x=1`", "inputs file `f.json`, `x`"
  bool from_text = true;  ///< written on the command line (`text`) or read from a file (`json`)
  std::string text;
  nlohmann::json json;
  int syntax_code = kUsage;  ///< exit code of a malformed value: kUsage, or kInputFile
};
using GivenValues = std::map<std::string, Given>;

/// A list of types.
template <class... T>
struct TypeList {};
// The arithmetic types values are converted to: bool, the integer types but the character
// types, the floating-point types.
using Numbers = TypeList<signed char, unsigned char, short, unsigned short, int, unsigned, long,
                         unsigned long, long long, unsigned long long, float, double, long double>;

// Calls `f(std::type_identity<T>{})` for the type T of Numbers (or bool) that `t` is; false if
// it is none of them.
template <class... T, class F>
bool visit_number(TypeList<T...>, const hamilton::TypeInfo& t, F&& f) {
  if (t == hamilton::TypeInfo::of<bool>()) return f(std::type_identity<bool>{}), true;
  return ((t == hamilton::TypeInfo::of<T>() ? (f(std::type_identity<T>{}), true) : false) || ...);
}
// The same for `t` = std::vector<T>.
template <class... T, class F>
bool visit_vector(TypeList<T...>, const hamilton::TypeInfo& t, F&& f) {
  return ((t == hamilton::TypeInfo::of<std::vector<T>>() ? (f(std::type_identity<T>{}), true)
                                                         : false) ||
          ...);
}

/// The comma-separated items of `items`, empty ones left out.
std::vector<std::string> split_list(const std::vector<std::string>& items);

/// split_list of an option that must name something if given: CliError(kUsage) for
/// `--outputs ','`.
std::vector<std::string> named_list(const std::vector<std::string>& items, const char* option);

/// `--tag k=v` exact value, `--tag k=a|b` any of, `--tag k` has the tag.
hamilton::TagFilter parse_tags(const std::vector<std::string>& tags);

/// Each `name=value` of `texts` (option `--what`) into `into`, replacing what `into` has for
/// the name (a file's value); CliError(kUsage) for a text not of that form or a name given
/// twice in `texts`.
void parse_assignments(const std::vector<std::string>& texts, const char* what, GivenValues& into);

/// The values of a JSON object file (`what`: "inputs" or "config", for messages).
/// CliError(kInputFile) for a file that cannot be read (read_regular_file), is not a JSON
/// object, nests deeper than kMaxJsonDepth or gives a key twice (with its line and column).
GivenValues read_json_values(const std::string& path, const char* what);

/// Each given value converted to the type `graph` takes for it (docs/cli.md, "Values"): a
/// number to the node's integer or floating-point type (range checked, exit 6), a list to a
/// hamilton::Series, std::vector<double> ..., text to a std::string as written. Without a
/// graph (config) or for a name the graph lacks: a number becomes a double, a list of numbers
/// a std::vector<double>, of strings a std::vector<std::string>, anything else a std::string.
hamilton::ValueMap convert_values(const GivenValues& given, const hamilton::Graph* graph);

/// Each column of the CSV file at `path` that names an external input of `graph`, as a
/// Series into `inputs`; the other columns are noted on stderr.
void read_csv_inputs(const hamilton::Graph& graph, const std::string& path,
                     hamilton::Inputs& inputs);

// ---- output (main.cpp) -----------------------------------------------------------------------

/// Writes `text` to `path`, or to stdout if `path` is empty or "-". CliError(kOutputFile)
/// naming the file and the system's reason if any write (or closing the file) fails.
void write_text(const std::string& text, const std::string& path);

// ---- the subcommands -------------------------------------------------------------------------

/// A subcommand: its options, parsed into its members, and what it does.
struct Command {
  virtual ~Command() = default;
  /// Runs the parsed subcommand on the graph of the given modules; returns the exit code.
  virtual int run(hamilton::Driver& dr) = 0;
  /// False for a command that reads no --module graph of its own (`diff`): run_alone runs it.
  virtual bool needs_driver() const { return true; }
  virtual int run_alone() { return kInternal; }
  CLI::App* app = nullptr;  ///< the subcommand
};

std::unique_ptr<Command> add_list(CLI::App& app);      // list.cpp
/// diff.cpp; `config` is --config, given to the module libraries it compares.
std::unique_ptr<Command> add_diff(CLI::App& app, const std::vector<std::string>& config);
/// version.cpp; `modules` is --module (none: only the version of hamilton-cpp).
std::unique_ptr<Command> add_version(CLI::App& app, const std::vector<std::string>& modules);
std::unique_ptr<Command> add_lineage(CLI::App& app);   // list.cpp
std::unique_ptr<Command> add_view(CLI::App& app);      // view.cpp
std::unique_ptr<Command> add_validate(CLI::App& app);  // run.cpp
/// `cache`: where `run --cache DIR` puts the folder of the result cache.
std::unique_ptr<Command> add_run(CLI::App& app, std::string& cache);  // run.cpp
std::unique_ptr<Command> add_catalog(CLI::App& app);   // catalog.cpp

}  // namespace hamilton_cpp
