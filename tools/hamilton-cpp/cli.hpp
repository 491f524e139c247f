#pragma once
// What the files of the hamilton-cpp command line share: the exit codes, the error that carries
// one, reading values (inputs.cpp), writing output (main.cpp) and the subcommands, one file per
// group: list.cpp (list, lineage), view.cpp, run.cpp (validate, run), catalog.cpp.
#include <hamilton/hamilton.hpp>
#include <memory>
#include <stdexcept>
#include <string>
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

/// The comma-separated items of `items`, empty ones left out.
std::vector<std::string> split_list(const std::vector<std::string>& items);

/// `--tag k=v` exact value, `--tag k=a|b` any of, `--tag k` has the tag.
hamilton::TagFilter parse_tags(const std::vector<std::string>& tags);

/// Each `name=value` of `texts` (option `--what`) into `values`: a number becomes a double,
/// `[...]` is read as JSON (a list of numbers becomes a std::vector<double>), anything else is
/// a std::string.
void assign_all(const std::vector<std::string>& texts, const char* what,
                hamilton::ValueMap& values);

/// The values of a JSON object file (`what`: "inputs" or "config", for messages).
hamilton::ValueMap read_json_values(const std::string& path, const char* what);

/// Each column of the CSV file at `path` that names an external input of `graph`, as a
/// Series into `inputs`; the other columns are noted on stderr.
void read_csv_inputs(const hamilton::Graph& graph, const std::string& path,
                     hamilton::Inputs& inputs);

/// Converts values read from the command line or files to the type the graph expects for
/// them: lists become hamilton::Series where a node takes a Series, a double becomes the
/// integer or float type a node takes when it converts without loss.
void adapt_to_graph(const hamilton::Graph& graph, hamilton::ValueMap& values);

// ---- output (main.cpp) -----------------------------------------------------------------------

/// Writes `text` to `path`, or to stdout if `path` is empty or "-".
void write_text(const std::string& text, const std::string& path);

// ---- the subcommands -------------------------------------------------------------------------

/// A subcommand: its options, parsed into its members, and what it does.
struct Command {
  virtual ~Command() = default;
  /// Runs the parsed subcommand on the graph of the given modules; returns the exit code.
  virtual int run(hamilton::Driver& dr) = 0;
  CLI::App* app = nullptr;  ///< the subcommand
};

std::unique_ptr<Command> add_list(CLI::App& app);      // list.cpp
std::unique_ptr<Command> add_lineage(CLI::App& app);   // list.cpp
std::unique_ptr<Command> add_view(CLI::App& app);      // view.cpp
std::unique_ptr<Command> add_validate(CLI::App& app);  // run.cpp
std::unique_ptr<Command> add_run(CLI::App& app);       // run.cpp
std::unique_ptr<Command> add_catalog(CLI::App& app);   // catalog.cpp

}  // namespace hamilton_cpp
