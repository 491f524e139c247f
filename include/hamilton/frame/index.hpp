#pragma once
/// \file
/// `hamilton::Index`: the row labels of a Series or DataFrame (pandas' Index).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hamilton/export.hpp"
#include "hamilton/frame/dtype.hpp"

namespace hamilton {

/// Immutable row labels. Kinds: a range (`start, start+1, ...`, pandas'
/// RangeIndex, the default), int64 labels, string labels, or datetime labels
/// (ns since the epoch). Copies share the label buffer; `same()` is the O(1)
/// identity test used as the fast path of index alignment.
class HAMILTON_EXPORT Index {
 public:
  enum class Kind : std::uint8_t { range, int64, string, datetime };

  /// An empty range index.
  Index() = default;
  /// The range index `0 .. n-1`.
  static Index range(std::size_t n) { return range(0, static_cast<std::int64_t>(n)); }
  /// The range index `start .. stop-1`.
  static Index range(std::int64_t start, std::int64_t stop);
  /// Integer labels.
  static Index from_int64(std::vector<std::int64_t> labels);
  /// String labels.
  static Index from_strings(std::vector<std::string> labels);
  /// Datetime labels (ns since the epoch; kNaT allowed).
  static Index from_datetime(std::vector<std::int64_t> ns);

  Kind kind() const noexcept { return kind_; }
  /// "range", "int64", "string" or "datetime".
  std::string_view kind_name() const noexcept;
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  /// True for range and int64 indexes (both hold integer labels).
  bool is_integer() const noexcept { return kind_ == Kind::range || kind_ == Kind::int64; }

  /// Integer (or datetime ns) label at position i; range, int64 and datetime
  /// kinds only.
  std::int64_t int_at(std::size_t i) const noexcept {
    return kind_ == Kind::range ? start_ + static_cast<std::int64_t>(i) : (*ints_)[i];
  }
  /// String label at position i; string kind only.
  const std::string &str_at(std::size_t i) const noexcept { return (*strs_)[i]; }
  /// The label at position i as text (as pandas prints it, datetimes as ISO).
  std::string label_string(std::size_t i) const;
  /// Start of a range index.
  std::int64_t range_start() const noexcept { return start_; }
  /// The index's name (pandas' `Index.name`; empty = none). Printed as the
  /// header of the label column; not part of `equals` or `same`.
  const std::string &name() const noexcept { return name_; }
  /// A copy with another name (labels shared).
  Index rename(std::string name) const {
    Index ix = *this;
    ix.name_ = std::move(name);
    return ix;
  }

  /// O(1): the same labels object (or two equal range indexes). No per-label
  /// work.
  bool same(const Index &other) const noexcept {
    if (kind_ != other.kind_ || size_ != other.size_) return false;
    if (kind_ == Kind::range) return start_ == other.start_;
    return ints_ == other.ints_ && strs_ == other.strs_;
  }
  /// Same kind family and the same labels in the same order (range and int64
  /// compare by value).
  bool equals(const Index &other) const;
  /// True if no label repeats.
  bool is_unique() const;

  /// Positions `begin .. end-1` (clamped to size()).
  Index slice(std::size_t begin, std::size_t end) const;
  /// Labels at `positions` (the name is kept, as by slice and materialize).
  Index take(const std::vector<std::size_t> &positions) const;
  /// Labels of a range index as an int64 index (other kinds are returned as
  /// is).
  Index materialize() const;

 private:
  Kind kind_ = Kind::range;
  std::size_t size_ = 0;
  std::int64_t start_ = 0;
  std::shared_ptr<const std::vector<std::int64_t>> ints_;
  std::shared_ptr<const std::vector<std::string>> strs_;
  std::string name_;
};

namespace detail {
/// How to combine two indexes.
enum class JoinHow : std::uint8_t { outer, left, inner, right };
/// The joined index plus, for each side, the source position of every result
/// row (npos = missing on that side). Throws hamilton::Error for incompatible
/// kinds or for duplicate labels in indexes that differ. `what` names the
/// operation for messages.
struct HAMILTON_EXPORT IndexJoin {
  Index index;
  std::vector<std::size_t> left;   ///< empty when left maps 1:1 (identity)
  std::vector<std::size_t> right;  ///< empty when right maps 1:1 (identity)
  bool left_identity = false;
  bool right_identity = false;
};
inline constexpr std::size_t npos = static_cast<std::size_t>(-1);
HAMILTON_EXPORT IndexJoin join_indexes(const Index &a, const Index &b, JoinHow how,
                                       std::string_view what);
/// Positions of `target`'s labels in `source` (npos when absent).
HAMILTON_EXPORT std::vector<std::size_t> index_positions(const Index &source, const Index &target,
                                                         std::string_view what);
}  // namespace detail

}  // namespace hamilton
