#pragma once
/// \file
/// The exceptions hamilton-cpp throws. Each has a human message (`what()`) and structured
/// fields, so programs can react to a problem without parsing text.
///
///   Error                       base of everything below
///   ├── GraphError              building the graph failed (every problem at once)
///   ├── InputError              execute/validate_execution refused the request (every problem at once)
///   ├── ExecutionError          a node threw while running (the original exception is nested)
///   ├── ValueTypeError          a value was read as the wrong C++ type
///   ├── UnknownNodeError        a query named a node the graph does not have
///   └── ResultError             a result builder could not combine the outputs

#include <exception>
#include <stdexcept>
#include <string>
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

/// One problem found while building a graph or checking a request.
struct HAMILTON_EXPORT Problem {
  std::string code;        ///< short machine-readable kind, e.g. "missing-input", "cycle"
  std::string node;        ///< the node concerned (may be empty)
  std::string module;      ///< the module that defines it (may be empty)
  SourceLocation location; ///< where the node is defined (may be unknown)
  std::string message;     ///< what is wrong and how to fix it
  std::string suggestion;  ///< nearest existing name, if one is close ("signups")

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
  bool has(const std::string& code) const;

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
