// Text rendering that matches pandas 1.5 (pandas/io/formats/format.py): column
// formatting, DataFrame.to_string / repr, Series.to_string, Python's float
// repr.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ostream>
#include <sstream>
#include <string_view>

#include "hamilton/frame/dataframe.hpp"
#include "internal.hpp"

namespace hamilton {
namespace detail {
namespace {

std::size_t text_len(const std::string &s) {  // code points, like Python's len()
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string pad_left(const std::string &s, std::size_t w) {  // right-justify
  std::size_t l = text_len(s);
  return l >= w ? s : std::string(w - l, ' ') + s;
}
std::string pad_right(const std::string &s, std::size_t w) {  // left-justify
  std::size_t l = text_len(s);
  return l >= w ? s : s + std::string(w - l, ' ');
}

// pandas' _trim_zeros_float: strip trailing zeros common to all "number with
// decimal" cells.
bool number_with_decimal(const std::string &x) {
  std::size_t i = 0;
  while (i < x.size() && (x[i] == ' ' || x[i] == '\t')) ++i;
  if (i < x.size() && (x[i] == '+' || x[i] == '-')) ++i;
  std::size_t d = i;
  while (i < x.size() && x[i] >= '0' && x[i] <= '9') ++i;
  if (i == d || i >= x.size() || x[i] != '.') return false;
  ++i;
  while (i < x.size() && x[i] >= '0' && x[i] <= '9') ++i;
  return i == x.size();
}

void trim_zeros_float(std::vector<std::string> &v) {
  for (;;) {
    bool any = false, all_zero = true;
    for (const auto &x : v) {
      if (!number_with_decimal(x)) continue;
      any = true;
      if (x.empty() || x.back() != '0') {
        all_zero = false;
        break;
      }
    }
    if (!any || !all_zero) break;
    for (auto &x : v)
      if (number_with_decimal(x)) x.pop_back();
  }
  for (auto &x : v)
    if (number_with_decimal(x) && x.back() == '.') x += '0';
}

std::vector<std::string> format_floats(const double *v, std::size_t n, bool leading_space) {
  constexpr int digits = 6;  // display.precision
  auto with = [&](bool sci) {
    std::vector<std::string> out(n);
    char buf[512];
    const char *f = sci ? (leading_space ? "% .*e" : "%.*e") : (leading_space ? "% .*f" : "%.*f");
    for (std::size_t i = 0; i < n; ++i) {
      if (std::isnan(v[i])) {
        out[i] = "NaN";
        continue;
      }
      std::snprintf(buf, sizeof buf, f, digits, v[i]);
      out[i] = buf;
    }
    trim_zeros_float(out);
    return out;
  };
  std::vector<std::string> out = with(false);
  std::size_t maxlen = 0;
  for (const auto &s : out) maxlen = std::max(maxlen, s.size());
  const bool too_long = maxlen > digits + 6;
  bool large = false, small = false;
  for (std::size_t i = 0; i < n; ++i) {
    const double a = std::fabs(v[i]);
    if (a > 1e6) large = true;
    if (a < 1e-6 && a > 0) small = true;
  }
  if (small || (too_long && large)) out = with(true);
  return out;
}

// Datetime cells: dates only when every value is midnight, else the finest
// resolution used.
struct DtFormat {
  bool date_only = true;
  int fraction = 0;
};
DtFormat datetime_format(const std::int64_t *v, std::size_t n) {
  DtFormat f;
  constexpr std::int64_t day = 86'400'000'000'000LL;
  for (std::size_t i = 0; i < n; ++i) {
    if (v[i] == kNaT) continue;
    if (v[i] % day != 0) f.date_only = false;
    const std::int64_t sub = ((v[i] % 1'000'000'000) + 1'000'000'000) % 1'000'000'000;
    if (sub % 1000)
      f.fraction = 9;
    else if (sub % 1'000'000 && f.fraction < 6)
      f.fraction = 6;
    else if (sub && f.fraction < 3)
      f.fraction = 3;
  }
  if (f.date_only) f.fraction = 0;
  return f;
}

}  // namespace

bool timedelta_days_only(const std::int64_t *v, std::size_t n) {
  constexpr std::int64_t day = 86'400'000'000'000LL;
  for (std::size_t i = 0; i < n; ++i)
    if (v[i] != kNaT && v[i] % day != 0) return false;
  return true;
}

std::vector<std::string> format_values(const Series &s, bool leading_space) {
  const std::size_t n = s.size();
  std::vector<std::string> out(n);
  const std::string sp = leading_space ? " " : "";
  switch (s.dtype()) {
    case DType::float64:
      return format_floats(s.values<double>().data(), n, leading_space);
    case DType::int64: {
      auto v = s.values<std::int64_t>();
      for (std::size_t i = 0; i < n; ++i)
        out[i] = (v[i] >= 0 ? sp : std::string()) + std::to_string(v[i]);
      return out;
    }
    case DType::boolean: {
      auto v = s.values<bool>();
      for (std::size_t i = 0; i < n; ++i) out[i] = sp + (v[i] ? "True" : "False");
      return out;
    }
    case DType::string: {
      auto v = s.values<std::string>();
      for (std::size_t i = 0; i < n; ++i) out[i] = sp + (s.is_missing(i) ? "NaN" : v[i]);
      return out;
    }
    case DType::datetime: {
      auto v = s.values<std::int64_t>();
      DtFormat f = datetime_format(v.data(), n);
      for (std::size_t i = 0; i < n; ++i) out[i] = format_datetime(v[i], f.date_only, f.fraction);
      return out;
    }
    case DType::timedelta: {
      auto v = s.values<std::int64_t>();
      const bool days = timedelta_days_only(v.data(), n);
      for (std::size_t i = 0; i < n; ++i) out[i] = format_timedelta(v[i], days);
      return out;
    }
  }
  return out;
}

std::vector<std::string> format_index(const Index &ix) {
  std::vector<std::string> out(ix.size());
  if (ix.kind() == Index::Kind::datetime) {
    std::vector<std::int64_t> v(ix.size());
    for (std::size_t i = 0; i < ix.size(); ++i) v[i] = ix.int_at(i);
    DtFormat f = datetime_format(v.data(), v.size());
    for (std::size_t i = 0; i < ix.size(); ++i)
      out[i] = format_datetime(v[i], f.date_only, f.fraction);
    return out;
  }
  for (std::size_t i = 0; i < ix.size(); ++i) out[i] = ix.label_string(i);
  return out;
}

}  // namespace detail

// ---------------------------------------------------------------- Series

std::string Series::to_string() const {
  if (size_ == 0) return "Series([], )";
  auto labels = detail::format_index(index_);
  auto vals = detail::format_values(*this, true);
  std::size_t iw = 0, vw = 0;
  for (const auto &l : labels) iw = std::max(iw, detail::text_len(l));
  for (const auto &v : vals) vw = std::max(vw, detail::text_len(v));
  // A named index prints its name on a line of its own (pandas' SeriesFormatter).
  std::string out = index_.name().empty() ? std::string() : index_.name() + "\n";
  for (std::size_t i = 0; i < size_; ++i) {
    if (i) out += '\n';
    out += detail::pad_right(labels[i], iw + 3) + detail::pad_left(vals[i], vw);
  }
  return out;
}

// ---------------------------------------------------------------- DataFrame

std::string DataFrame::to_string() const { return render(0, 0, false); }
std::string DataFrame::to_string(std::size_t max_rows) const { return render(max_rows, 0, false); }
std::string DataFrame::repr() const { return render(60, 10, true); }

std::ostream &operator<<(std::ostream &os, const DataFrame &df) { return os << df.repr(); }

std::string DataFrame::render(std::size_t max_rows, std::size_t min_rows, bool dimensions) const {
  const std::size_t n = num_rows();
  if (columns_.empty() || n == 0) {
    std::string cols, idx;
    for (std::size_t i = 0; i < columns_.size(); ++i) cols += (i ? ", " : "") + columns_[i].name();
    auto labels = detail::format_index(index_);
    for (std::size_t i = 0; i < labels.size(); ++i) idx += (i ? ", " : "") + labels[i];
    return "Empty DataFrame\nColumns: [" + cols + "]\nIndex: [" + idx + "]";
  }
  // Vertical truncation (pandas DataFrameFormatter._truncate_vertically).
  bool truncated = false;
  std::size_t row_num = n;
  std::vector<std::size_t> rows;
  if (max_rows && n > max_rows) {
    truncated = true;
    std::size_t shown = min_rows ? std::min(min_rows, max_rows) : max_rows;
    row_num = shown / 2;
    if (row_num >= 1) {
      for (std::size_t i = 0; i < row_num; ++i) rows.push_back(i);
      for (std::size_t i = n - row_num; i < n; ++i) rows.push_back(i);
    } else {
      row_num = max_rows;
      for (std::size_t i = 0; i < row_num; ++i) rows.push_back(i);
    }
  }
  const Index shown_index = truncated ? index_.take(rows) : index_;
  std::vector<std::vector<std::string>> cols;  // [0] = index column; each: header + rows
  {
    auto labels = detail::format_index(shown_index);
    std::size_t w = detail::text_len(index_.name());
    for (const auto &l : labels) w = std::max(w, detail::text_len(l));
    std::vector<std::string> col{std::string(w, ' ')};
    // A named index: a second header line holding the name (pandas).
    if (!index_.name().empty()) col.push_back(detail::pad_right(index_.name(), w));
    for (auto &l : labels) col.push_back(detail::pad_right(l, w));
    cols.push_back(std::move(col));
  }
  const std::size_t max_colwidth = dimensions ? 50 : 0;  // repr truncates long cells
  for (const auto &c : columns_) {
    Series view = truncated ? c.take(rows, shown_index) : c;
    std::string header = (is_numeric(c.dtype()) ? " " : "") + c.name();
    auto vals = detail::format_values(view, true);
    std::size_t hw = detail::text_len(header), w = hw;
    for (const auto &v : vals) w = std::max(w, detail::text_len(v));
    if (max_colwidth && w > max_colwidth) {
      w = std::max<std::size_t>(max_colwidth, 0);
      for (auto &v : vals)
        if (detail::text_len(v) > w) v = v.substr(0, w - 3) + "...";
    }
    std::size_t vw = 0;
    for (const auto &v : vals) vw = std::max(vw, detail::text_len(v));
    const std::size_t cw = std::max(vw, std::max(w, hw));
    std::vector<std::string> col{detail::pad_left(header, cw)};
    if (!index_.name().empty()) col.push_back(std::string(cw, ' '));
    for (auto &v : vals) col.push_back(detail::pad_left(v, std::max(vw, w)));
    cols.push_back(std::move(col));
  }
  if (truncated && row_num < rows.size()) {
    for (std::size_t k = 0; k < cols.size(); ++k) {
      auto &col = cols[k];
      const std::size_t head = index_.name().empty() ? 1 : 2;  // header lines
      const std::size_t cw = detail::text_len(col[row_num + head - 1]);
      const std::string dots = cw > 3 ? "..." : "..";
      col.insert(col.begin() + static_cast<std::ptrdiff_t>(row_num + head),
                 k == 0 ? detail::pad_right(dots, cw) : detail::pad_left(dots, cw));
    }
  }
  // pandas' adjoin(1, ...): every column but the last left-justified to its
  // width + 1.
  std::vector<std::size_t> widths(cols.size());
  for (std::size_t k = 0; k < cols.size(); ++k)
    for (const auto &cell : cols[k]) widths[k] = std::max(widths[k], detail::text_len(cell));
  std::string out;
  const std::size_t lines = cols[0].size();
  for (std::size_t r = 0; r < lines; ++r) {
    if (r) out += '\n';
    for (std::size_t k = 0; k < cols.size(); ++k) {
      if (k + 1 < cols.size())
        out += detail::pad_right(cols[k][r], widths[k] + 1);
      else
        out += cols[k][r];
    }
  }
  if (dimensions && truncated)
    out += "\n\n[" + std::to_string(n) + " rows x " + std::to_string(columns_.size()) + " columns]";
  return out;
}

}  // namespace hamilton
