#pragma once
/// \file
/// The exceptions hamilton-cpp throws. Each has a human message (`what()`) and structured
/// fields, so programs can react to a problem without parsing text. All derive from `Error`:
/// - `GraphError`: building the graph failed (every problem at once);
/// - `InputError`: execute or validate_execution refused the request (every problem at once);
/// - `ExecutionError`: a node threw while running (the original exception is nested);
/// - `RunStoppedError`: a deadline or a cancellation stopped a run before every node ran;
/// - `ValueTypeError`: a value was read as the wrong C++ type;
/// - `UnknownNodeError`: a query named a node the graph does not have;
/// - `ResultError`: a result builder could not combine the outputs;
/// - `ForeignError`: an error of another language's function, its message naming its type.

#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "hamilton/export.hpp"

namespace hamilton {

/// Where something was declared in user code.
struct HAMILTON_EXPORT SourceLocation {
  std::string file;
  int line = 0;

  bool known() const { return !file.empty(); }
  /// `file:line`, or `<unknown location>`.
  std::string to_string() const;
};

/// The kind of a Problem. `to_string` gives its spelling (`missing-input`), a stable text for
/// logs and other programs; `error_code_from_string` reads it back. docs/core.md lists them.
enum class ErrorCode {
  // building the graph (GraphError)
  /// `bad-node`: a node was declared wrongly (a name that is not valid, a parameter without a name
  /// or twice, no callable, a null or void type, a callable whose arguments or result differ from
  /// the declared parameters and type ...), also inside a subdag or made so by a modifier
  bad_node,
  /// `duplicate-node`: two functions define the same node (without allow_module_overrides)
  duplicate_node,
  /// `config-conflict`: two config variants (config_when ...) of one node both apply
  config_conflict,
  /// `type-mismatch`: a parameter's type is not the type its producer returns (also: the function
  /// given to `does` has other types)
  type_mismatch,
  /// `config-type`: a config value cannot be converted to the parameter's type without loss
  config_type,
  /// `bound-value-type`: a value bound to a parameter has another type than the parameter
  bound_value_type,
  /// `input-type-conflict`: the consumers of one external input take it as different types
  input_type_conflict,
  /// `cycle`: nodes depend on each other in a cycle
  cycle,
  /// `collect-outside-block`: a Collect parameter reads a node in no parallel block, an input or a
  /// config value
  collect_outside_block,
  /// `collect-type`: a `Collect<U>` parameter gathers values of another type
  collect_type,
  /// `item-type`: a plain parameter reading a `Parallelizable<T>` node is not a `T`
  item_type,
  /// `collect-in-own-block`: a node gathers a block with a Collect but also reads a node inside it
  collect_in_own_block,
  /// `mixed-blocks`: a node reads nodes of two different parallel blocks directly
  mixed_blocks,
  /// `block-cycle`: a node inside a block depends on a collect of that same block
  block_cycle,
  // modules (GraphError)
  /// `unknown-module`: no module of that name is registered (`with_modules`, `subdag`)
  unknown_module,
  /// `no-modules`: `build()` is called without any module
  no_modules,
  /// `module-library-missing`: a module library path does not exist
  module_library_missing,
  /// `module-library-load`: a module library cannot be loaded (bad file, truncated, compiled
  /// against other hamilton-cpp headers, dlopen failed)
  module_library_load,
  /// `module-library-empty`: a module library defines no module
  module_library_empty,
  // function modifiers (GraphError; the message starts with the modifier's name)
  /// `modifier`: a modifier reports misuse without a more specific code (the default of
  /// `BuildContext::error`)
  modifier,
  /// `bad-modifier`: a modifier is given unusable arguments (an empty list, a name given twice ...)
  bad_modifier,
  /// `bad-name`: a config variant's function name starts or ends with `__`, or a modifier makes a
  /// node name that is not valid (not identifiers joined by `.`)
  bad_name,
  /// `bad-tag`: a tag key is not valid (or reserved), or a tag has no value
  bad_tag,
  /// `bad-binding`: a parameter is bound to something unusable (`source("")`, an empty value, a
  /// nested group)
  bad_binding,
  /// `duplicate-binding`: a modifier binds the same parameter twice
  duplicate_binding,
  /// `unknown-parameter`: a modifier names a parameter the function does not take
  unknown_parameter,
  /// `missing-config`: `configuration("k")` names a key the config does not have
  missing_config,
  /// `group-type`: a `group(...)` binding makes another type than the parameter's
  group_type,
  /// `multiple-expanders`: a function has more than one `parameterize*`
  multiple_expanders,
  /// `bad-return-type`: `extract_columns`, `extract_fields` or `unpack_fields` is put on a function
  /// of the wrong return type
  bad_return_type,
  /// `bad-fill`: a `fill_with` value cannot fill the columns or fields
  bad_fill,
  /// `arity-mismatch`: the function given to `does` takes another number of arguments
  arity_mismatch,
  /// `bad-step`: a pipe step takes no parameter, gets the wrong number of arguments or a group
  bad_step,
  /// `unknown-target`: `mutate` targets a function its module does not define
  unknown_target,
  /// `bad-input`: a subdag input names a node of the subdag, or is a group
  bad_input,
  /// `bad-validator`: a `check_output` validator name is not an identifier, or is given twice
  bad_validator,
  /// `validator-type`: a `check_output` validator does not apply to the node's type
  validator_type,
  /// `config`: a config condition is malformed or cannot be evaluated (a required key is missing,
  /// an empty key or list of values, a value that cannot be compared)
  config,
  // the request: execute, compile, validate_execution, Plan::execute (InputError)
  /// `unknown-output`: a requested output names no node (also: a modifier names an output its
  /// function does not make)
  unknown_output,
  /// `duplicate-output`: an output is requested twice
  duplicate_output,
  /// `unknown-input`: an input names no node, or one the plan was not compiled with
  unknown_input,
  /// `duplicate-input`: an input is given twice
  duplicate_input,
  /// `unknown-override`: an override names no node, or one the plan was not compiled with
  unknown_override,
  /// `duplicate-override`: a node is overridden twice
  duplicate_override,
  /// `input-is-config`: an input is also a config value
  input_is_config,
  /// `input-is-function`: an input names a node computed by a function (pass it in overrides)
  input_is_function,
  /// `input-is-override`: a name is given both as an input and as an override
  input_is_override,
  /// `missing-input`: a required input is not given (or a plan's input is not given to
  /// `Plan::execute`)
  missing_input,
  /// `missing-override`: a plan's override is not given to `Plan::execute`
  missing_override,
  /// `input-type`: an input value has the wrong type
  input_type,
  /// `override-type`: an override value has the wrong type
  override_type,
  /// `block-output`: a requested output is a node inside a parallel block
  block_output,
  // building the graph, added later (numbers stay stable: new codes go last)
  /// `input-near-node`: an external input's name is one or two edits from a node's name (a
  /// diagnostic, `Graph::diagnostics()`; an error with `Builder::near_name_inputs_as_errors()`)
  input_near_node,
  /// `static-validation`: a team's build-time rule (a `StaticValidator`) refused a node
  static_validation,
  /// `cache-option`: `with_cache` names a node the graph does not have, or one node in two
  /// behaviours, or a node's `cache.behavior` tag names no behaviour
  cache_option,
};

/// The spelling of `code`, e.g. "missing-input"; empty for a value that is no enumerator.
HAMILTON_EXPORT std::string_view to_string(ErrorCode code) noexcept;
/// The code spelled `text` ("missing-input"), or nullopt if none is.
HAMILTON_EXPORT std::optional<ErrorCode> error_code_from_string(std::string_view text) noexcept;

/// One problem found while building a graph or checking a request.
struct HAMILTON_EXPORT Problem {
  ErrorCode code{};         ///< what kind of problem, e.g. ErrorCode::missing_input
  std::string node;         ///< the node concerned (may be empty)
  std::string module;       ///< the module that defines it (may be empty)
  SourceLocation location;  ///< where the node is defined (may be unknown)
  std::string message;      ///< what is wrong and how to fix it
  std::string suggestion;   ///< nearest existing name, if one is close ("signups")

  /// One line: `file:line: node `x` (module m): message (did you mean `y`?)`.
  std::string to_string() const;
};

/// Base class of all hamilton-cpp exceptions.
class HAMILTON_EXPORT Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Base of the errors that carry a list of problems.
class HAMILTON_EXPORT ProblemsError : public Error {
 public:
  ProblemsError(const std::string& headline, std::vector<Problem> problems);
  const std::vector<Problem>& problems() const noexcept { return problems_; }
  /// True if some problem has this code.
  bool has(ErrorCode code) const;

 private:
  std::vector<Problem> problems_;
};

/// Building the graph failed. Holds every problem found, not only the first.
class HAMILTON_EXPORT GraphError : public ProblemsError {
 public:
  explicit GraphError(std::vector<Problem> problems);
};

/// A request to execute (or validate) was refused before any node ran.
class HAMILTON_EXPORT InputError : public ProblemsError {
 public:
  explicit InputError(std::vector<Problem> problems);
};

/// A node threw while running. The original exception is nested: `std::rethrow_if_nested(e)`
/// or `original()` gives it back.
class HAMILTON_EXPORT ExecutionError : public Error, public std::nested_exception {
 public:
  /// Must be constructed inside the catch block that handles the node's exception.
  ExecutionError(std::string node, std::string module, SourceLocation location,
                 std::vector<std::string> outputs, std::string original_message);
  const std::string& node() const noexcept { return node_; }
  const std::string& module() const noexcept { return module_; }
  const SourceLocation& location() const noexcept { return location_; }
  /// The requested outputs that needed the failing node.
  const std::vector<std::string>& outputs() const noexcept { return outputs_; }
  /// The exception the node threw.
  std::exception_ptr original() const noexcept { return nested_ptr(); }
  const std::string& original_message() const noexcept { return original_message_; }

 private:
  std::string node_;
  std::string module_;
  SourceLocation location_;
  std::vector<std::string> outputs_;
  std::string original_message_;
};

/// A run's deadline passed, or its cancellation token was cancelled, before every node it needed
/// had run; the nodes not started were not run. Thrown when the run has no graceful failure
/// (`RunOptions::graceful`, `Builder::with_graceful_errors`), which returns what was computed
/// instead.
class HAMILTON_EXPORT RunStoppedError : public Error {
 public:
  RunStoppedError(bool cancelled, std::vector<std::string> not_run,
                  std::vector<std::string> outputs, const std::string& message);
  /// True if the cancellation token stopped the run, false if the deadline did.
  bool cancelled() const noexcept { return cancelled_; }
  /// The nodes that were not run, in the order the plan would have run them.
  const std::vector<std::string>& not_run() const noexcept { return not_run_; }
  /// The requested outputs that have no value.
  const std::vector<std::string>& outputs() const noexcept { return outputs_; }

 private:
  bool cancelled_;
  std::vector<std::string> not_run_;
  std::vector<std::string> outputs_;
};

/// An error whose message already says what it is, such as `ValueError: bad x` raised by a
/// function of another language: an ExecutionError quotes its message without a C++ type name.
class HAMILTON_EXPORT ForeignError : public Error {
 public:
  using Error::Error;
};

/// A value was read as a C++ type it does not hold.
class HAMILTON_EXPORT ValueTypeError : public Error {
 public:
  ValueTypeError(std::string expected, std::string actual, const std::string& message);
  const std::string& expected() const noexcept { return expected_; }
  const std::string& actual() const noexcept { return actual_; }

 private:
  std::string expected_;
  std::string actual_;
};

/// A query (upstream/downstream/path, list, visualize ...) named a node that does not exist.
class HAMILTON_EXPORT UnknownNodeError : public Error {
 public:
  UnknownNodeError(std::string name, std::string suggestion);
  const std::string& name() const noexcept { return name_; }
  const std::string& suggestion() const noexcept { return suggestion_; }

 private:
  std::string name_;
  std::string suggestion_;
};

/// A result builder could not combine the outputs (e.g. columns of different lengths).
class HAMILTON_EXPORT ResultError : public Error {
 public:
  using Error::Error;
};

}  // namespace hamilton
