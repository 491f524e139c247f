#pragma once
/// \file
/// `NodeSpec`: a node as declared (by NODE or `Module::add`), before the graph is built;
/// `Callable`: how the framework calls a node's function.

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "hamilton/errors.hpp"
#include "hamilton/export.hpp"
#include "hamilton/value.hpp"

namespace hamilton {

class ModifierImpl;

/// Tags on a node: key → values. A plain string tag is a one-element list.
using TagValues = std::vector<std::string>;
using Tags = std::map<std::string, TagValues, std::less<>>;

/// One parameter of a node function: a dependency on the node (or input) of that name.
struct HAMILTON_EXPORT Parameter {
  std::string name;
  /// The value type the parameter takes (cv-ref and `std::optional` removed).
  const TypeInfo* type = &TypeInfo::of<void>();
  /// A `std::optional<T>` parameter: the dependency may be absent.
  bool optional = false;
  /// A `hamilton::Value` parameter: accepts a value of any type.
  bool any = false;
  /// The node this parameter reads, when it differs from `name` (set by modifiers such as
  /// `parameterize(source(...))`); empty means the node called `name`.
  std::string source;
  /// A literal bound to the parameter (`value(...)`): it reads no node at all.
  Value value;
  /// A `hamilton::Collect<T>` parameter: `T`, the type of the block node it gathers (else null).
  const TypeInfo* collect_item = nullptr;
  /// Builds the `Collect<T>` from the per-item values (set with `collect_item`).
  Value (*make_collect)(std::vector<Value>&&) = nullptr;
  /// The per-item values of such a `Collect<T>` (`&hamilton::Collect<T>::items_of`): the result
  /// cache versions a collected value item by item. Null: nodes reading it are not cached.
  const std::vector<Value>& (*collect_items)(const Value&) = nullptr;

  /// The node this parameter depends on.
  const std::string& node_name() const noexcept { return source.empty() ? name : source; }
  bool is_bound() const noexcept { return value.has_value(); }
};

/// Calls a node function: `invoke(fn, slots, args)` reads argument i from `slots[args[i]]`.
using Invoker = Value (*)(const void* fn, const Value* slots, const std::uint32_t* args);

/// The type one parameter of a Callable takes.
struct HAMILTON_EXPORT ArgumentType {
  /// The value type (cv-ref and `std::optional` removed); null: any value (`hamilton::Value`).
  const TypeInfo* type = nullptr;
  /// A `std::optional<T>` parameter: the argument may be empty.
  bool optional = false;
};

/// What a Callable takes and returns, when its function type is known (NODE, `Module::add` with
/// a function or lambda). Lives as long as the program (or the module library that made it).
struct HAMILTON_EXPORT CallSignature {
  std::size_t arity = 0;
  const ArgumentType* arguments = nullptr;  ///< `arity` entries
  /// The type the function returns; null when it returns `hamilton::Value` (known at run time).
  const TypeInfo* result = nullptr;
};

/// A type-erased node function. Cheap to copy (the function object is shared).
///
/// The framework calls it through `operator()` after checking, when the graph is built, that
/// every argument has the parameter's type. `call` is the checked way in for other code: it
/// refuses a wrong number of arguments and, when the signature is known, wrongly typed ones.
class HAMILTON_EXPORT Callable {
 public:
  /// `arity()` of a Callable that does not know how many arguments its invoker reads.
  static constexpr std::size_t unknown_arity = static_cast<std::size_t>(-1);

  Callable() = default;
  /// A function whose arity is not known (`call` cannot check it; `Module::add` gives it the
  /// number of the NodeSpec's parameters).
  Callable(std::shared_ptr<const void> fn, Invoker invoke) : fn_(std::move(fn)), invoke_(invoke) {}
  /// A function whose invoker reads `arity` arguments.
  Callable(std::shared_ptr<const void> fn, Invoker invoke, std::size_t arity)
      : fn_(std::move(fn)), invoke_(invoke), arity_(arity) {}
  /// A function of known signature (`signature` must outlive every copy of the Callable).
  Callable(std::shared_ptr<const void> fn, Invoker invoke, const CallSignature& signature)
      : fn_(std::move(fn)), invoke_(invoke), arity_(signature.arity), signature_(&signature) {}

  /// Calls the function with argument i taken from `slots[args[i]]`, unchecked: the caller
  /// guarantees `arity()` arguments of the right types (the executor's hot path).
  Value operator()(const Value* slots, const std::uint32_t* args) const {
    return invoke_(fn_.get(), slots, args);
  }
  /// Calls the function with `args` in parameter order. Throws `hamilton::Error` if the
  /// Callable is empty or `args` has another size than `arity()`, and `ValueTypeError` if an
  /// argument is not of its parameter's type (when `signature()` is known).
  Value call(std::span<const Value> args) const;

  explicit operator bool() const noexcept { return invoke_ != nullptr; }
  const void* target() const noexcept { return fn_.get(); }
  Invoker invoker() const noexcept { return invoke_; }
  /// How many arguments the function takes, or `unknown_arity`.
  std::size_t arity() const noexcept { return arity_; }
  /// The parameter and result types, or null when they are not known.
  const CallSignature* signature() const noexcept { return signature_; }
  /// The same function, known to take `arity` arguments (its signature, if any, is kept when it
  /// has that arity, dropped otherwise).
  Callable with_arity(std::size_t arity) const {
    Callable c = *this;
    c.arity_ = arity;
    if (signature_ && signature_->arity != arity) c.signature_ = nullptr;
    return c;
  }

 private:
  std::shared_ptr<const void> fn_;
  Invoker invoke_ = nullptr;
  std::size_t arity_ = unknown_arity;
  const CallSignature* signature_ = nullptr;
};

/// A node as declared, before the graph is built. Modifiers rewrite these.
struct HAMILTON_EXPORT NodeSpec {
  std::string name;
  /// The C++ function the node comes from (differs from `name` after modifiers rename it).
  std::string function_name;
  std::vector<Parameter> parameters;
  /// The value type the node produces.
  const TypeInfo* type = &TypeInfo::of<void>();
  /// The function returns `hamilton::Value`: its type is only known at run time.
  bool returns_any = false;
  /// The function returns `hamilton::Parallelizable<T>`: `T`, the type of one item (else null).
  const TypeInfo* item_type = nullptr;
  /// Splits a `Parallelizable<T>` value into its items (set with `item_type`).
  std::vector<Value> (*split)(const Value&) = nullptr;
  Callable callable;
  std::string doc;
  /// The node's code version, which the result cache keys on: set by the `version("...")`
  /// modifier, else the SHA-256 of its source file when `hamilton_add_module` compiled it
  /// (`HAMILTON_SOURCE_HASH`); empty if neither (such a node is not cached).
  std::string version;
  Tags tags;
  std::vector<std::shared_ptr<const ModifierImpl>> modifiers;
  std::string module;
  SourceLocation location;
  /// Problems found while registering (bad parameter list ...), reported when a graph is built.
  std::vector<std::string> errors;
};

}  // namespace hamilton
