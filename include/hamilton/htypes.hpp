#pragma once
/// \file
/// Dynamic parallelism, Hamilton's `Parallelizable[T]` / `Collect[T]`:
///
/// <!-- compile: file -->
/// ```cpp
/// #include <hamilton/node.hpp>
/// #include <numeric>
/// #include <string>
/// #include <vector>
///
/// std::string fetch(const std::string& url) { return "<page of " + url + ">"; }
///
/// HAMILTON_MODULE(pages);
/// NODE(hamilton::Parallelizable<std::string>, url, (const std::vector<std::string>& urls)) {
///   return urls;                                   // one item per url
/// }
/// NODE(std::size_t, page_size, (const std::string& url)) { return fetch(url).size(); }
/// NODE(std::size_t, total, (const hamilton::Collect<std::size_t>& page_size)) {
///   return std::accumulate(page_size.begin(), page_size.end(), std::size_t{0});
/// }
/// ```
///
/// A node returning `Parallelizable<T>` fans out: every node downstream of it, up to the
/// `Collect<U>` parameters that gather their values, runs once per item (at once on the
/// ParallelExecutor, one after the other on the SequentialExecutor). A parameter that reads the
/// Parallelizable node directly receives one item, a `T`. A `Collect<U>` parameter receives the
/// values of a block node of type `U`, one per item, in item order. See docs/parallel.md.
///
/// Both types hold their elements as shared `hamilton::Value`s: fanning out and collecting never
/// copy an element.

#include <compare>
#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <type_traits>
#include <utility>
#include <vector>

#include "hamilton/value.hpp"

namespace hamilton {

namespace detail {

/// A random-access iterator over Values known to hold `T`, yielding `const T&`.
template <class T>
class ItemIterator {
 public:
  using iterator_category = std::random_access_iterator_tag;
  using iterator_concept = std::random_access_iterator_tag;
  using value_type = T;
  using difference_type = std::ptrdiff_t;
  using pointer = const T*;
  using reference = const T&;

  ItemIterator() = default;
  explicit ItemIterator(const Value* p) : p_(p) {}
  reference operator*() const { return p_->template unchecked<T>(); }
  pointer operator->() const { return &p_->template unchecked<T>(); }
  reference operator[](difference_type n) const { return p_[n].template unchecked<T>(); }
  ItemIterator& operator++() {
    ++p_;
    return *this;
  }
  ItemIterator operator++(int) {
    auto t = *this;
    ++p_;
    return t;
  }
  ItemIterator& operator--() {
    --p_;
    return *this;
  }
  ItemIterator operator--(int) {
    auto t = *this;
    --p_;
    return t;
  }
  ItemIterator& operator+=(difference_type n) {
    p_ += n;
    return *this;
  }
  ItemIterator& operator-=(difference_type n) {
    p_ -= n;
    return *this;
  }
  friend ItemIterator operator+(ItemIterator a, difference_type n) { return a += n; }
  friend ItemIterator operator+(difference_type n, ItemIterator a) { return a += n; }
  friend ItemIterator operator-(ItemIterator a, difference_type n) { return a -= n; }
  friend difference_type operator-(ItemIterator a, ItemIterator b) { return a.p_ - b.p_; }
  friend bool operator==(ItemIterator a, ItemIterator b) { return a.p_ == b.p_; }
  friend auto operator<=>(ItemIterator a, ItemIterator b) { return a.p_ <=> b.p_; }

 private:
  const Value* p_ = nullptr;
};

/// The storage shared by Parallelizable and Collect: a vector of Values that all hold a `T`.
template <class T>
class ItemList {
  static_assert(!std::is_same_v<T, Value>,
                "hamilton: Parallelizable/Collect of hamilton::Value is not supported");
  static_assert(!std::is_reference_v<T> && !std::is_const_v<T>, "hamilton: use a plain value type");

 public:
  using value_type = T;
  using iterator = ItemIterator<T>;
  using const_iterator = ItemIterator<T>;

  ItemList() = default;
  ItemList(std::vector<T> items) {  // NOLINT(google-explicit-constructor)
    items_.reserve(items.size());
    for (auto& x : items) items_.emplace_back(std::move(x));
  }
  ItemList(std::initializer_list<T> items) {
    items_.reserve(items.size());
    for (const auto& x : items) items_.emplace_back(x);
  }

  void push_back(T x) { items_.emplace_back(std::move(x)); }
  template <class... A>
  void emplace_back(A&&... a) {
    items_.emplace_back(T(std::forward<A>(a)...));
  }
  void reserve(std::size_t n) { items_.reserve(n); }

  std::size_t size() const noexcept { return items_.size(); }
  bool empty() const noexcept { return items_.empty(); }
  const T& operator[](std::size_t i) const { return items_[i].template unchecked<T>(); }
  const T& at(std::size_t i) const { return items_.at(i).template unchecked<T>(); }
  const T& front() const { return (*this)[0]; }
  const T& back() const { return (*this)[size() - 1]; }
  iterator begin() const noexcept { return iterator(items_.data()); }
  iterator end() const noexcept { return iterator(items_.data() + items_.size()); }
  /// A copy of the elements as a vector.
  std::vector<T> to_vector() const { return std::vector<T>(begin(), end()); }
  /// The elements as shared Values (each holds a `T`).
  const std::vector<Value>& values() const noexcept { return items_; }

  friend bool operator==(const ItemList& a, const ItemList& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!(a[i] == b[i])) return false;
    return true;
  }

 protected:
  struct FromValues {};
  ItemList(FromValues, std::vector<Value> values) : items_(std::move(values)) {}
  std::vector<Value> items_;
};

}  // namespace detail

/// The return type of a node that fans out: each element is one item; the nodes downstream
/// (up to the Collects) run once per item. A thin wrapper over a vector of `T`.
template <class T>
class Parallelizable : public detail::ItemList<T> {
 public:
  using detail::ItemList<T>::ItemList;
  Parallelizable() = default;

  /// Per-item Values (for the engine): shares, never copies, the elements.
  static std::vector<Value> split(const Value& v) { return v.get<Parallelizable>().items_; }
};

/// A parameter type that gathers the per-item values of a block node of type `T`, in item
/// order. A thin, read-only wrapper over a vector of `T` (begin/end/size/operator[]).
template <class T>
class Collect : public detail::ItemList<T> {
 public:
  using detail::ItemList<T>::ItemList;
  Collect() = default;

  /// Builds a Collect from per-item Values (for the engine); throws ValueTypeError if one does
  /// not hold a `T`.
  static Value gather(std::vector<Value>&& values) {
    for (const auto& v : values)
      if (!v.template is<T>()) detail::throw_bad_value_type(TypeInfo::of<T>(), v.type(), "Collect");
    return Value(Collect(typename detail::ItemList<T>::FromValues{}, std::move(values)));
  }
  /// The per-item Values of a Value holding a Collect<T> (for the engine).
  static const std::vector<Value>& items_of(const Value& v) { return v.get<Collect>().values(); }

 private:
  Collect(typename detail::ItemList<T>::FromValues tag, std::vector<Value> values)
      : detail::ItemList<T>(tag, std::move(values)) {}
};

namespace detail {
template <class T>
struct parallel_traits {
  static constexpr bool parallelizable = false;
  static constexpr bool collect = false;
};
template <class T>
struct parallel_traits<Parallelizable<T>> {
  static constexpr bool parallelizable = true;
  static constexpr bool collect = false;
  using item = T;
};
template <class T>
struct parallel_traits<Collect<T>> {
  static constexpr bool parallelizable = false;
  static constexpr bool collect = true;
  using item = T;
};
}  // namespace detail

}  // namespace hamilton
