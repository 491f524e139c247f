// CSV input/output. Parsing uses Debian's libcsv (see docs/dependencies.md);
// type inference, missing values and formatting follow pandas.
#include "hamilton/io/csv.hpp"

#include <csv.h>

#include <charconv>
#include <cmath>
#include <fstream>
#include <istream>
#include <ostream>
#include <sstream>
#include <unordered_set>

#include "frame/internal.hpp"

namespace hamilton {

const std::vector<std::string> &default_na_values() {
  static const std::vector<std::string> v{"",         "#N/A", "#N/A N/A", "#NA",    "-1.#IND",
                                          "-1.#QNAN", "-NaN", "-nan",     "1.#IND", "1.#QNAN",
                                          "<NA>",     "N/A",  "NA",       "NULL",   "NaN",
                                          "None",     "n/a",  "nan",      "null"};
  return v;
}

namespace {

struct Cell {
  std::string text;
  bool missing = false;
};

struct ParseState {
  std::vector<std::vector<Cell>> rows;
  std::vector<Cell> row;
  const std::unordered_set<std::string> *na = nullptr;
  std::size_t line = 0;      // physical line being fed (1-based)
  std::string line_text;     // its text
  std::size_t expected = 0;  // fields per row (0 = not yet known)
  bool failed = false;
  std::string message;
  std::size_t err_line = 0, err_col = 0;
  char delim = ',', quote = '"';
};

void on_field(void *s, std::size_t len, void *data) {
  auto *st = static_cast<ParseState *>(data);
  if (st->failed) return;
  Cell c;
  if (s) c.text.assign(static_cast<const char *>(s), len);
  c.missing = st->na->count(c.text) > 0;
  st->row.push_back(std::move(c));
}

// 1-based column where field number `field` (0-based) starts in `text`.
std::size_t field_column(const std::string &text, std::size_t field, char delim, char quote) {
  bool in_quotes = false;
  std::size_t f = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == quote)
      in_quotes = !in_quotes;
    else if (c == delim && !in_quotes && ++f == field)
      return i + 2;
  }
  return text.size() + 1;
}

void on_row(int, void *data) {
  auto *st = static_cast<ParseState *>(data);
  if (st->failed) return;
  if (st->expected == 0) st->expected = st->row.size();
  if (st->row.size() > st->expected) {
    st->failed = true;
    st->err_line = st->line;
    st->err_col = field_column(st->line_text, st->expected, st->delim, st->quote);
    st->message = "expected " + std::to_string(st->expected) + " fields, saw " +
                  std::to_string(st->row.size());
    return;
  }
  while (st->row.size() < st->expected) st->row.push_back(Cell{"", true});  // pandas: NaN fill
  st->rows.push_back(std::move(st->row));
  st->row.clear();
}

int no_space(unsigned char) { return 0; }

bool parse_int(const std::string &s, std::int64_t &out) {
  const char *b = s.data();
  const char *e = b + s.size();
  if (b != e && *b == '+') ++b;
  if (b == e) return false;
  auto r = std::from_chars(b, e, out);
  return r.ec == std::errc() && r.ptr == e;
}

bool parse_double(const std::string &s, double &out) {
  const char *b = s.data();
  const char *e = b + s.size();
  if (b != e && *b == '+') ++b;
  if (b == e) return false;
  auto r = std::from_chars(b, e, out);
  return r.ec == std::errc() && r.ptr == e;
}

bool parse_bool(const std::string &s, bool &out) {
  if (s == "True" || s == "TRUE" || s == "true") return out = true, true;
  if (s == "False" || s == "FALSE" || s == "false") return out = false, true;
  return false;
}

Series infer_column(const std::vector<std::vector<Cell>> &rows, std::size_t k, std::string name,
                    const CsvOptions &opt) {
  const std::size_t n = rows.size();
  bool any_missing = false, all_int = true, all_float = true, all_bool = true,
       all_dt = opt.parse_dates;
  std::size_t present = 0;
  for (const auto &r : rows) {
    const Cell &c = r[k];
    if (c.missing) {
      any_missing = true;
      continue;
    }
    ++present;
    std::int64_t i;
    double d;
    bool b;
    if (all_int && !parse_int(c.text, i)) all_int = false;
    if (all_float && !all_int && !parse_double(c.text, d)) all_float = false;
    if (all_bool && !parse_bool(c.text, b)) all_bool = false;
    if (all_dt && !parse_datetime(c.text)) all_dt = false;
    if (!all_int && !all_float && !all_bool && !all_dt) break;
  }
  if (present == 0) return Series(std::vector<double>(n, std::nan("")), std::move(name));
  if (all_int && !any_missing) {
    std::vector<std::int64_t> v(n);
    for (std::size_t i = 0; i < n; ++i) parse_int(rows[i][k].text, v[i]);
    return Series(std::move(v), std::move(name));
  }
  if (all_int || all_float) {
    std::vector<double> v(n);
    for (std::size_t i = 0; i < n; ++i)
      if (rows[i][k].missing || !parse_double(rows[i][k].text, v[i])) v[i] = std::nan("");
    return Series(std::move(v), std::move(name));
  }
  if (all_bool && !any_missing) {
    std::vector<bool> v(n);
    for (std::size_t i = 0; i < n; ++i) {
      bool b = false;
      parse_bool(rows[i][k].text, b);
      v[i] = b;
    }
    return Series(std::move(v), std::move(name));
  }
  if (all_dt) {
    std::vector<std::int64_t> v(n);
    for (std::size_t i = 0; i < n; ++i)
      v[i] = rows[i][k].missing ? kNaT : *parse_datetime(rows[i][k].text);
    return Series::datetime(std::move(v), std::move(name));
  }
  std::vector<std::string> v(n);
  std::vector<bool> na(n);
  for (std::size_t i = 0; i < n; ++i) {
    na[i] = rows[i][k].missing;
    if (!na[i]) v[i] = rows[i][k].text;
  }
  return Series::strings(std::move(v), std::move(na), std::move(name));
}

}  // namespace

DataFrame read_csv(std::istream &in, const CsvOptions &opt) {
  csv_parser p;
  if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
    throw Error("read_csv: cannot initialise libcsv");
  struct Free {
    csv_parser *p;
    ~Free() { csv_free(p); }
  } guard{&p};
  csv_set_delim(&p, static_cast<unsigned char>(opt.delimiter));
  csv_set_quote(&p, static_cast<unsigned char>(opt.quote));
  csv_set_space_func(&p, no_space);
  std::unordered_set<std::string> na(opt.na_values.begin(), opt.na_values.end());
  ParseState st;
  st.na = &na;
  st.delim = opt.delimiter;
  st.quote = opt.quote;
  std::string line;
  auto fail = [&](const std::string &msg, std::size_t l, std::size_t c) -> DataFrame {
    throw CsvError(
        "read_csv: line " + std::to_string(l) + ", column " + std::to_string(c) + ": " + msg, l, c);
  };
  while (std::getline(in, line)) {
    ++st.line;
    const bool had_newline = !in.eof();
    if (had_newline) line += '\n';
    st.line_text = line;
    std::size_t done = csv_parse(&p, line.data(), line.size(), on_field, on_row, &st);
    if (done < line.size() && !st.failed)
      return fail(std::string("malformed field (") + csv_strerror(csv_error(&p)) +
                      "): a quote inside an unquoted field or text after a "
                      "closing quote",
                  st.line, done + 1);
    if (st.failed) return fail(st.message, st.err_line, st.err_col);
  }
  if (in.bad()) throw Error("read_csv: error reading the input");
  if (csv_fini(&p, on_field, on_row, &st) != 0)
    return fail("unterminated quoted field at end of input", st.line, st.line_text.size() + 1);
  if (st.failed) return fail(st.message, st.err_line, st.err_col);
  if (st.rows.empty()) throw CsvError("read_csv: no columns to parse from the input", 1, 1);

  std::vector<std::string> names;
  std::size_t first = 0;
  const std::size_t ncols = st.rows[0].size();
  if (opt.header) {
    std::unordered_set<std::string> seen;
    for (std::size_t k = 0; k < ncols; ++k) {
      std::string name = st.rows[0][k].text;
      if (name.empty()) name = "Unnamed: " + std::to_string(k);
      if (!seen.insert(name).second)
        return fail("duplicate column name '" + name + "'", 1,
                    field_column(name, 0, opt.delimiter, opt.quote));
      names.push_back(std::move(name));
    }
    first = 1;
  } else {
    for (std::size_t k = 0; k < ncols; ++k) names.push_back(std::to_string(k));
  }
  std::vector<std::vector<Cell>> rows(std::make_move_iterator(st.rows.begin() + first),
                                      std::make_move_iterator(st.rows.end()));
  std::vector<Series> cols;
  std::optional<Index> index;
  for (std::size_t k = 0; k < ncols; ++k) {
    Series s = infer_column(rows, k, names[k], opt);
    if (opt.index_col && names[k] == *opt.index_col) {
      if (s.count() != s.size())
        throw Error("read_csv: index column '" + names[k] + "' has missing values");
      if (s.dtype() == DType::int64) {
        auto v = s.values<std::int64_t>();
        index = Index::from_int64({v.begin(), v.end()});
      } else if (s.dtype() == DType::datetime) {
        auto v = s.values<std::int64_t>();
        index = Index::from_datetime({v.begin(), v.end()});
      } else {
        std::vector<std::string> labels;
        for (const auto &r : rows) labels.push_back(r[k].text);
        index = Index::from_strings(std::move(labels));
      }
      continue;
    }
    cols.push_back(std::move(s));
  }
  if (opt.index_col && !index) {
    std::string avail;
    for (std::size_t k = 0; k < names.size(); ++k) avail += (k ? ", " : "") + names[k];
    throw Error("read_csv: index column '" + *opt.index_col + "' is not in the header (" + avail +
                ")");
  }
  if (index)
    for (auto &c : cols) c = c.with_index(*index);
  DataFrame df(std::move(cols));
  if (index && df.num_columns() == 0) {
    // Only an index column: keep the labels on an empty-column frame.
    return DataFrame()
        .with_column("__tmp__", Series(std::vector<double>(index->size()), "", *index))
        .select({});
  }
  return df;
}

DataFrame read_csv(const std::string &path, const CsvOptions &options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("read_csv: cannot open '" + path + "'");
  return read_csv(in, options);
}

// ---------------------------------------------------------------- writing

namespace {
std::string quoted(const std::string &s, char delim) {
  if (s.find_first_of(std::string{delim, '"', '\n', '\r'}) == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::vector<std::string> csv_cells(const Series &s, const std::string &na_rep) {
  const std::size_t n = s.size();
  std::vector<std::string> out(n);
  if (s.dtype() == DType::datetime) {
    auto v = s.values<std::int64_t>();
    bool date_only = true;
    int frac = 0;
    for (auto x : v) {
      if (x == kNaT) continue;
      if (x % 86'400'000'000'000LL) date_only = false;
      const std::int64_t sub = ((x % 1'000'000'000) + 1'000'000'000) % 1'000'000'000;
      if (sub % 1000)
        frac = 9;
      else if (sub % 1'000'000 && frac < 6)
        frac = 6;
      else if (sub && frac < 3)
        frac = 3;
    }
    for (std::size_t i = 0; i < n; ++i)
      out[i] = v[i] == kNaT ? na_rep : format_datetime(v[i], date_only, date_only ? 0 : frac);
    return out;
  }
  for (std::size_t i = 0; i < n; ++i) out[i] = s.is_missing(i) ? na_rep : s.to_string_at(i);
  return out;
}
}  // namespace

void write_csv(const DataFrame &df, std::ostream &out, const CsvWriteOptions &opt) {
  const char d = opt.delimiter;
  std::vector<std::vector<std::string>> cells;
  if (opt.index) {
    std::vector<std::string> labels = detail::format_index(df.index());
    cells.push_back(std::move(labels));
  }
  for (const auto &c : df.columns()) cells.push_back(csv_cells(c, opt.na_rep));
  std::string line;
  if (opt.index) line += quoted(opt.index_label, d);
  for (std::size_t k = 0; k < df.num_columns(); ++k) {
    if (opt.index || k) line += d;
    line += quoted(df.column(k).name(), d);
  }
  out << line << '\n';
  for (std::size_t r = 0; r < df.num_rows(); ++r) {
    line.clear();
    for (std::size_t k = 0; k < cells.size(); ++k) {
      if (k) line += d;
      line += quoted(cells[k][r], d);
    }
    out << line << '\n';
  }
  if (!out) throw Error("write_csv: error writing the output");
}

void write_csv(const DataFrame &df, const std::string &path, const CsvWriteOptions &options) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw Error("write_csv: cannot open '" + path + "' for writing");
  write_csv(df, out, options);
}

std::string to_csv(const DataFrame &df, const CsvWriteOptions &options) {
  std::ostringstream os;
  write_csv(df, os, options);
  return os.str();
}

}  // namespace hamilton
