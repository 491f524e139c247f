#pragma once
/// \file
/// `hamilton::Value`: the type-erased, immutable, shared value that flows along the edges
/// of a graph, and `hamilton::TypeInfo`, the identity and readable name of a C++ type.

#include <cstddef>
#include <cstring>
#include <limits>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeinfo>
#include <utility>

#include "hamilton/export.hpp"

namespace hamilton {

class Value;
class TypeInfo;

namespace detail {
/// Demangled, shortened spelling of a type (`std::string`, `std::vector<double>`).
HAMILTON_EXPORT std::string demangle(const char* mangled);
[[noreturn]] HAMILTON_EXPORT void throw_bad_value_type(const TypeInfo& expected,
                                                       const TypeInfo& actual,
                                                       std::string_view what);

/// Values of small trivially copyable types (double, int64_t, bool ...) are stored inline:
/// no allocation per value. Everything else is held by a shared pointer to const.
template <class T>
inline constexpr bool stored_inline = std::is_trivially_copyable_v<T> && sizeof(T) <= 16 &&
                                      alignof(T) <= alignof(std::max_align_t) && alignof(T) <= 8;

enum class Arithmetic : unsigned char { none, boolean, signed_int, unsigned_int, floating };

template <class T>
constexpr Arithmetic arithmetic_kind() {
  if constexpr (std::is_same_v<T, bool>)
    return Arithmetic::boolean;
  else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>)
    return Arithmetic::signed_int;
  else if constexpr (std::is_integral_v<T>)
    return Arithmetic::unsigned_int;
  else if constexpr (std::is_floating_point_v<T>)
    return Arithmetic::floating;
  else
    return Arithmetic::none;
}
}  // namespace detail

/// The identity of a C++ type plus its demangled name, used in every message.
/// Obtain one with `TypeInfo::of<T>()`; compare with `==`.
class HAMILTON_EXPORT TypeInfo {
 public:
  template <class T>
  static const TypeInfo& of() noexcept;

  /// Demangled name, e.g. `std::vector<double>`.
  const std::string& name() const noexcept { return name_; }
  const std::type_info& type_info() const noexcept { return *info_; }
  bool stored_inline() const noexcept { return inline_; }
  /// True for bool, integers and floating point types.
  bool is_arithmetic() const noexcept { return arith_ != detail::Arithmetic::none; }

  friend bool operator==(const TypeInfo& a, const TypeInfo& b) noexcept {
    return &a == &b || *a.info_ == *b.info_;
  }

  /// For arithmetic types: the value as a double (used for lossless config conversions).
  double to_double(const void* p) const noexcept { return to_double_(p); }
  /// For arithmetic types: a Value of this type holding `v` converted; no value (has_value()
  /// false) when `v` is outside the type's range (or NaN for an integer type).
  Value from_double(double v) const;

  TypeInfo(const TypeInfo&) = delete;
  TypeInfo& operator=(const TypeInfo&) = delete;

 private:
  using ToDouble = double (*)(const void*);
  using FromDouble = Value (*)(double);
  TypeInfo(const std::type_info& info, bool is_inline, detail::Arithmetic arith, ToDouble to,
           FromDouble from)
      : info_(&info),
        name_(detail::demangle(info.name())),
        inline_(is_inline),
        arith_(arith),
        to_double_(to),
        from_double_(from) {}

  const std::type_info* info_;
  std::string name_;
  bool inline_;
  detail::Arithmetic arith_;
  ToDouble to_double_;
  FromDouble from_double_;
};

/// Returns the demangled name of `T`.
template <class T>
const std::string& type_name() {
  return TypeInfo::of<T>().name();
}

/// A type-erased, immutable value. Copies share the same object (reference counted);
/// small trivially copyable values (numbers, bools) are stored inline without allocation.
/// The framework never deep-copies what a node returns.
class HAMILTON_EXPORT Value {
 public:
  /// An empty value (no object).
  Value() noexcept : type_(nullptr) {}

  /// Wraps any copyable or movable object. A string literal becomes a `std::string`.
  template <class T, class D = std::decay_t<T>,
            std::enable_if_t<!std::is_same_v<D, Value> && !std::is_same_v<D, const char*> &&
                                 !std::is_same_v<D, char*> && !std::is_void_v<D>,
                             int> = 0>
  Value(T&& value)  // NOLINT(google-explicit-constructor): values convert implicitly
      : type_(&TypeInfo::of<D>()) {
    if constexpr (detail::stored_inline<D>) {
      ::new (static_cast<void*>(inline_)) D(std::forward<T>(value));
    } else {
      ::new (static_cast<void*>(&shared_))
          std::shared_ptr<const void>(std::make_shared<const D>(std::forward<T>(value)));
    }
  }
  Value(const char* s) : Value(std::string(s)) {}  // NOLINT(google-explicit-constructor)

  /// Shares an object that is already held by a shared pointer (no copy).
  template <class T>
  static Value from_shared(std::shared_ptr<const T> ptr) {
    Value v;
    if (!ptr) return v;
    if constexpr (detail::stored_inline<T>) {
      return Value(*ptr);
    } else {
      v.type_ = &TypeInfo::of<T>();
      ::new (static_cast<void*>(&v.shared_)) std::shared_ptr<const void>(std::move(ptr));
      return v;
    }
  }

  Value(const Value& o) noexcept : type_(o.type_) { copy_storage(o); }
  Value(Value&& o) noexcept : type_(o.type_) { move_storage(std::move(o)); }
  Value& operator=(const Value& o) noexcept {
    if (this != &o) {
      reset();
      type_ = o.type_;
      copy_storage(o);
    }
    return *this;
  }
  Value& operator=(Value&& o) noexcept {
    if (this != &o) {
      reset();
      type_ = o.type_;
      move_storage(std::move(o));
    }
    return *this;
  }
  ~Value() { reset(); }

  /// Drops the held object (if this was its last owner, it is destroyed).
  void reset() noexcept {
    if (type_ && !type_->stored_inline()) shared_.~shared_ptr();
    type_ = nullptr;
  }

  bool has_value() const noexcept { return type_ != nullptr; }
  explicit operator bool() const noexcept { return has_value(); }

  /// The held type; `TypeInfo::of<void>()` when empty.
  const TypeInfo& type() const noexcept { return type_ ? *type_ : TypeInfo::of<void>(); }

  /// True if this holds a value of type `t` (one pointer comparison when it does).
  bool is(const TypeInfo& t) const noexcept { return type_ == &t || (type_ && *type_ == t); }
  template <class T>
  bool is() const noexcept {
    return type_ && (type_ == &TypeInfo::of<T>() || *type_ == TypeInfo::of<T>());
  }

  /// The held object; throws `ValueTypeError` naming both types if it is not a `T`.
  template <class T>
  const T& get() const {
    if (!is<T>()) detail::throw_bad_value_type(TypeInfo::of<T>(), type(), "Value::get");
    return unchecked<T>();
  }

  /// The held object, or nullptr if this is empty or holds another type.
  template <class T>
  const T* get_if() const noexcept {
    return is<T>() ? &unchecked<T>() : nullptr;
  }

  /// The held object without a type check: only when the type is known to be `T`.
  template <class T>
  const T& unchecked() const noexcept {
    if constexpr (detail::stored_inline<T>) {
      return *std::launder(reinterpret_cast<const T*>(inline_));
    } else {
      return *static_cast<const T*>(shared_.get());
    }
  }

  /// Address of the held object (nullptr when empty).
  const void* data() const noexcept {
    if (!type_) return nullptr;
    return type_->stored_inline() ? static_cast<const void*>(inline_) : shared_.get();
  }

  /// Number of Values sharing the object (1 for inline values, 0 when empty).
  long use_count() const noexcept {
    if (!type_) return 0;
    return type_->stored_inline() ? 1 : shared_.use_count();
  }

 private:
  void copy_storage(const Value& o) noexcept {
    if (!type_) return;
    if (type_->stored_inline()) {
      std::memcpy(inline_, o.inline_, sizeof(inline_));
    } else {
      ::new (static_cast<void*>(&shared_)) std::shared_ptr<const void>(o.shared_);
    }
  }
  void move_storage(Value&& o) noexcept {
    if (!type_) return;
    if (type_->stored_inline()) {
      std::memcpy(inline_, o.inline_, sizeof(inline_));
    } else {
      ::new (static_cast<void*>(&shared_)) std::shared_ptr<const void>(std::move(o.shared_));
      o.shared_.~shared_ptr();
    }
    o.type_ = nullptr;
  }

  const TypeInfo* type_;
  union {
    std::shared_ptr<const void> shared_;
    alignas(8) unsigned char inline_[16];
  };
};

template <class T>
const TypeInfo& TypeInfo::of() noexcept {
  using D = std::remove_cv_t<T>;
  if constexpr (std::is_void_v<D>) {
    static const TypeInfo info(typeid(void), false, detail::Arithmetic::none, nullptr, nullptr);
    return info;
  } else {
    constexpr auto kind = detail::arithmetic_kind<D>();
    if constexpr (kind != detail::Arithmetic::none) {
      static const TypeInfo info(
          typeid(D), detail::stored_inline<D>, kind,
          [](const void* p) { return static_cast<double>(*static_cast<const D*>(p)); },
          [](double v) {
            // out of the type's range (or NaN for an integer): no value, never a UB cast
            if constexpr (std::is_integral_v<D> && !std::is_same_v<D, bool>) {
              constexpr double kEnd =
                  static_cast<double>(std::numeric_limits<D>::max() / 2 + 1) * 2.0;
              if (!(v >= static_cast<double>(std::numeric_limits<D>::min()) && v < kEnd))
                return Value();
            } else if constexpr (std::is_floating_point_v<D> && sizeof(D) < sizeof(double)) {
              if (v == v &&
                  (v > std::numeric_limits<D>::max() || v < std::numeric_limits<D>::lowest()) &&
                  v - v == 0.0)
                return Value();
            }
            return Value(static_cast<D>(v));
          });
      return info;
    } else {
      static const TypeInfo info(typeid(D), detail::stored_inline<D>, kind, nullptr, nullptr);
      return info;
    }
  }
}

inline Value TypeInfo::from_double(double v) const {
  return from_double_ ? from_double_(v) : Value();
}

}  // namespace hamilton
