#pragma once
// Builds a typed column from cells read one by one (JSON values, SQLite rows), inferring its
// dtype as pandas does for those sources: integers (float64 when one is missing), floats,
// booleans (none missing), strings (missing tracked). Mixing numbers, booleans and strings in
// one column is an error: the frame has no object dtype.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hamilton/frame/dataframe.hpp"
#include "hamilton/frame/series.hpp"
#include "hamilton/io/formats.hpp"

namespace hamilton::io::detail {

class ColumnBuilder {
 public:
  /// `where` names the column in messages ("column `a` of data.json").
  explicit ColumnBuilder(std::string where) : where_(std::move(where)) {}
  void add_null() {
    missing_.resize(size_ + 1, false);
    missing_[size_] = true;
    any_missing_ = true;
    switch (kind_) {
      case Kind::none:
        break;
      case Kind::integer:
        ints_.push_back(0);
        break;
      case Kind::floating:
        doubles_.push_back(kNaN);
        break;
      case Kind::boolean:
        bools_.push_back(0);
        break;
      case Kind::string:
        strings_.emplace_back();
        break;
    }
    ++size_;
  }
  void add_int(std::int64_t v) {
    if (kind_ == Kind::floating) return add_double(static_cast<double>(v));
    become(Kind::integer, "an integer");
    ints_.push_back(v);
    ++size_;
  }
  void add_double(double v) {
    if (kind_ == Kind::integer) {
      doubles_.reserve(ints_.size() + 1);
      for (std::size_t i = 0; i < ints_.size(); ++i)
        doubles_.push_back(is_missing(i) ? kNaN : static_cast<double>(ints_[i]));
      ints_.clear();
      kind_ = Kind::floating;
    }
    become(Kind::floating, "a float");
    doubles_.push_back(v);
    ++size_;
  }
  void add_bool(bool v) {
    become(Kind::boolean, "a boolean");
    bools_.push_back(v ? 1 : 0);
    ++size_;
  }
  void add_string(std::string v) {
    become(Kind::string, "a string");
    strings_.push_back(std::move(v));
    ++size_;
  }
  std::size_t size() const { return size_; }
  /// Pads with missing values up to `n` cells.
  void pad_to(std::size_t n) {
    while (size_ < n) add_null();
  }

  Series finish(const std::string& name) {
    missing_.resize(size_, false);
    switch (kind_) {
      case Kind::none:
        return Series(std::vector<double>(size_, kNaN), name);
      case Kind::integer: {
        if (!any_missing_) return Series(std::move(ints_), name);
        std::vector<double> d(size_);
        for (std::size_t i = 0; i < size_; ++i)
          d[i] = missing_[i] ? kNaN : static_cast<double>(ints_[i]);
        return Series(std::move(d), name);
      }
      case Kind::floating:
        return Series(std::move(doubles_), name);
      case Kind::boolean:
        if (any_missing_)
          throw IoError(where_ +
                        " holds booleans and missing values; the frame's bool dtype cannot hold "
                        "a missing value (fill them in the source, or store the column as 0/1)");
        return Series(std::vector<bool>(bools_.begin(), bools_.end()), name);
      case Kind::string:
        return Series::strings(std::move(strings_), std::move(missing_), name);
    }
    return Series();
  }

 private:
  enum class Kind : std::uint8_t { none, integer, floating, boolean, string };
  static constexpr double kNaN = __builtin_nan("");

  bool is_missing(std::size_t i) const { return i < missing_.size() && missing_[i]; }
  void become(Kind k, const char* what) {
    if (kind_ == k) return;
    if (kind_ == Kind::none) {
      // earlier cells were all missing
      kind_ = k;
      switch (k) {
        case Kind::integer:
          ints_.assign(size_, 0);
          break;
        case Kind::floating:
          doubles_.assign(size_, kNaN);
          break;
        case Kind::boolean:
          bools_.assign(size_, 0);
          break;
        case Kind::string:
          strings_.assign(size_, std::string());
          break;
        case Kind::none:
          break;
      }
      return;
    }
    if (kind_ == Kind::floating && k == Kind::integer) return;
    throw IoError(where_ + ": row " + std::to_string(size_) + " holds " + what +
                  " in a column of " + kind_name(kind_) +
                  "; one column holds one type (the frame has no object dtype)");
  }
  static const char* kind_name(Kind k) {
    switch (k) {
      case Kind::integer:
        return "integers";
      case Kind::floating:
        return "floats";
      case Kind::boolean:
        return "booleans";
      case Kind::string:
        return "strings";
      case Kind::none:
        break;
    }
    return "missing values";
  }

  Kind kind_ = Kind::none;
  std::size_t size_ = 0;
  bool any_missing_ = false;
  std::vector<bool> missing_;
  std::vector<std::int64_t> ints_;
  std::vector<double> doubles_;
  std::vector<char> bools_;
  std::vector<std::string> strings_;
  std::string where_;
};

/// The metadata of a frame written to or read from `path` (its size when it is a file).
Metadata frame_metadata(const DataFrame& df, const std::string& path);

}  // namespace hamilton::io::detail
