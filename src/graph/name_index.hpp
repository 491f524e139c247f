#pragma once
// An open-addressing hash index from node names to node numbers. It stores no strings: names
// are read from the nodes themselves, so building an index of N nodes allocates one table.

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace hamilton::detail {

class NameIndex {
 public:
  static constexpr std::uint32_t npos = static_cast<std::uint32_t>(-1);

  void reserve(std::size_t n) {
    std::size_t want = 16;
    while (want < 2 * n) want *= 2;
    if (want > slots_.size()) rehash(want);
  }

  /// The number stored for `name`, or npos. `name_of(number)` gives a stored number's name.
  template <class NameOf>
  std::uint32_t find(std::string_view name, const NameOf& name_of) const {
    if (slots_.empty()) return npos;
    const std::uint64_t h = hash(name);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.value == npos) return npos;
      if (s.hash == h && name_of(s.value) == name) return s.value;
    }
  }

  /// Adds `name` → `value` unless `name` is present; returns the value stored for `name`.
  template <class NameOf>
  std::uint32_t insert(std::string_view name, std::uint32_t value, const NameOf& name_of) {
    if (2 * (size_ + 1) > slots_.size()) rehash(slots_.empty() ? 16 : slots_.size() * 2);
    const std::uint64_t h = hash(name);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.value == npos) {
        s = Slot{h, value};
        ++size_;
        return value;
      }
      if (s.hash == h && name_of(s.value) == name) return s.value;
    }
  }

  /// Replaces the value stored for `name` (which must be present).
  template <class NameOf>
  void assign(std::string_view name, std::uint32_t value, const NameOf& name_of) {
    const std::uint64_t h = hash(name);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.value == npos) return;
      if (s.hash == h && name_of(s.value) == name) {
        s.value = value;
        return;
      }
    }
  }

  std::size_t size() const noexcept { return size_; }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t value = npos;
  };
  static std::uint64_t hash(std::string_view s) { return std::hash<std::string_view>{}(s); }
  void rehash(std::size_t n) {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(n, Slot{});
    mask_ = n - 1;
    for (const Slot& s : old) {
      if (s.value == npos) continue;
      std::size_t i = s.hash & mask_;
      while (slots_[i].value != npos) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace hamilton::detail
