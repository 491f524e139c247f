// CSV input/output. Parsing uses Debian's libcsv (see docs/dependencies.md);
// type inference, missing values and formatting follow pandas.
#include "hamilton/io/csv.hpp"

#include <csv.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <ext/stdio_filebuf.h>  // libstdc++: a stream over a file descriptor
#include <istream>
#include <ostream>
#include <sstream>
#include <string_view>
#include <system_error>
#include <unordered_map>
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
  std::size_t line = 0;  // physical line where the field ends (a value without newline: its line)
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
  std::string first_row_line;  // the line on which the first row ended, and its number
  std::size_t first_row_at = 0;
};

// pandas' C parser skips these around numbers (tokenizer.c's isspace_ascii).
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == '\n';
}
bool all_spaces(const std::string &s) {
  for (char c : s)
    if (!is_space(c)) return false;
  return true;
}

void on_field(void *s, std::size_t len, void *data) {
  auto *st = static_cast<ParseState *>(data);
  if (st->failed) return;
  Cell c;
  if (s) c.text.assign(static_cast<const char *>(s), len);
  c.missing = st->na->count(c.text) > 0;
  c.line = st->line;
  st->row.push_back(std::move(c));
}

// 1-based column where field number `field` (0-based) starts in `text`.
std::size_t field_column(const std::string &text, std::size_t field, char delim, char quote) {
  if (field == 0) return 1;
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

// The current line without its line ending.
std::string_view without_eol(const std::string &line) {
  std::string_view v = line;
  if (!v.empty() && v.back() == '\n') v.remove_suffix(1);
  if (!v.empty() && v.back() == '\r') v.remove_suffix(1);
  return v;
}

void on_row(int, void *data) {
  auto *st = static_cast<ParseState *>(data);
  if (st->failed) return;
  // A line of only spaces is a blank line, which pandas skips (skip_blank_lines): one unquoted
  // field that is the whole line.
  if (st->row.size() == 1 && !st->row[0].text.empty() && all_spaces(st->row[0].text) &&
      without_eol(st->line_text) == st->row[0].text) {
    st->row.clear();
    return;
  }
  if (st->expected == 0) st->expected = st->row.size();
  if (st->row.size() > st->expected) {
    st->failed = true;
    st->err_line = st->line;
    st->err_col = field_column(st->line_text, st->expected, st->delim, st->quote);
    st->message = "expected " + std::to_string(st->expected) + " fields, saw " +
                  std::to_string(st->row.size());
    return;
  }
  while (st->row.size() < st->expected) st->row.push_back(Cell{"", st->line, true});  // NaN fill
  if (st->rows.empty()) {
    st->first_row_line = st->line_text;
    st->first_row_at = st->line;
  }
  st->rows.push_back(std::move(st->row));
  st->row.clear();
}

int no_space(unsigned char) { return 0; }

// The text of a numeric cell. pandas' C parser skips spaces around digits (` 1`, `2 `,
// ` 1.5 `), but not around the words `inf`/`nan` and not inside (`- 1`, `1 2`).
std::string_view number_text(const std::string &s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  std::string_view v(s.data() + b, e - b);
  if (v.size() != s.size()) {
    std::size_t i = !v.empty() && (v[0] == '+' || v[0] == '-') ? 1 : 0;
    if (i >= v.size() || !((v[i] >= '0' && v[i] <= '9') || v[i] == '.')) return {};
  }
  return v;
}

bool parse_int(const std::string &s, std::int64_t &out) {
  std::string_view v = number_text(s);
  const char *b = v.data();
  const char *e = b + v.size();
  if (b != e && *b == '+') ++b;
  if (b == e) return false;
  auto r = std::from_chars(b, e, out);
  return r.ec == std::errc() && r.ptr == e;
}

bool parse_double(const std::string &s, double &out) {
  std::string_view v = number_text(s);
  const char *b = v.data();
  const char *e = b + v.size();
  if (b != e && *b == '+') ++b;
  if (b == e) return false;
  auto r = std::from_chars(b, e, out);
  return r.ec == std::errc() && r.ptr == e;
}

// Exactly these spellings, without spaces (pandas reads ` True` as a string too).
bool parse_bool(const std::string &s, bool &out) {
  if (s == "True" || s == "TRUE" || s == "true") return out = true, true;
  if (s == "False" || s == "FALSE" || s == "false") return out = false, true;
  return false;
}

// The start of every message: which reader, and the file when there is one.
struct Source {
  std::string path;
  // Before "line ...".
  std::string prefix() const { return path.empty() ? "read_csv: " : "read_csv: '" + path + "', "; }
  // Before a message about the whole input.
  std::string whole() const { return path.empty() ? "read_csv: " : "read_csv: '" + path + "': "; }
  [[noreturn]] void fail_at(const std::string &msg, std::size_t line, std::size_t column) const {
    CsvLocation where;
    where.path = path;
    where.line = line;
    where.column = column;
    throw CsvError(prefix() + "line " + std::to_string(line) + ", column " +
                       std::to_string(column) + ": " + msg,
                   std::move(where));
  }
  // A problem with one cell: its line and its column by name and number.
  [[noreturn]] void fail_cell(const std::string &msg, std::size_t line, std::size_t k,
                              const std::string &name) const {
    CsvLocation where;
    where.path = path;
    where.line = line;
    where.field = k + 1;
    where.column_name = name;
    throw CsvError(prefix() + "line " + std::to_string(line) + ", column '" + name + "' (field " +
                       std::to_string(k + 1) + "): " + msg,
                   std::move(where));
  }
};

Series infer_column(const std::vector<std::vector<Cell>> &rows, std::size_t k, std::string name,
                    const CsvOptions &opt, const Source &src) {
  const std::size_t n = rows.size();
  bool any_missing = false, all_int = true, all_float = true, all_bool = true,
       all_dt = opt.parse_dates;
  std::size_t present = 0;
  std::size_t out_of_bounds = n;  // first date outside datetime64[ns]'s range
  for (std::size_t r = 0; r < n; ++r) {
    const Cell &c = rows[r][k];
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
    if (all_dt) {
      switch (detail::parse_datetime_text(c.text, i)) {
        case detail::DatetimeText::ok:
          break;
        case detail::DatetimeText::out_of_bounds:
          if (out_of_bounds == n) out_of_bounds = r;
          break;
        case detail::DatetimeText::not_a_date:
          all_dt = false;
          break;
      }
    }
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
    if (out_of_bounds < n) {
      const Cell &c = rows[out_of_bounds][k];
      src.fail_cell(detail::datetime_out_of_bounds(c.text) +
                        ", or read dates as text with CsvOptions::parse_dates = false",
                    c.line, k, name);
    }
    std::vector<std::int64_t> v(n);
    for (std::size_t i = 0; i < n; ++i) {
      v[i] = kNaT;
      if (!rows[i][k].missing) detail::parse_datetime_text(rows[i][k].text, v[i]);
    }
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

// libcsv grows its field buffer by a fixed block (128 bytes by default), which makes one large
// field quadratic wherever realloc copies. Input is fed in pieces of at most kFeed bytes and the
// block is set to the buffer's current size before each, so the buffer doubles: linear.
constexpr std::size_t kMinBlock = 64 * 1024;
constexpr std::size_t kFeed = 64 * 1024;

DataFrame read_csv_from(std::istream &in, const CsvOptions &opt, const Source &src) {
  csv_parser p;
  if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
    throw Error(src.whole() + "cannot initialise libcsv");
  struct Free {
    csv_parser *p;
    ~Free() { csv_free(p); }
  } guard{&p};
  csv_set_delim(&p, static_cast<unsigned char>(opt.delimiter));
  csv_set_quote(&p, static_cast<unsigned char>(opt.quote));
  csv_set_space_func(&p, no_space);
  csv_set_blk_size(&p, kMinBlock);
  std::unordered_set<std::string> na(opt.na_values.begin(), opt.na_values.end());
  ParseState st;
  st.na = &na;
  st.delim = opt.delimiter;
  st.quote = opt.quote;
  std::string line;
  while (std::getline(in, line)) {
    ++st.line;
    const bool had_newline = !in.eof();
    if (had_newline) line += '\n';
    // A UTF-8 byte-order mark (spreadsheet programs write one) is not part of the first field.
    if (st.line == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
    st.line_text = line;
    for (std::size_t off = 0; off < line.size() && !st.failed;) {
      const std::size_t len = std::min(kFeed, line.size() - off);
      csv_set_blk_size(&p, std::max(kMinBlock, csv_get_buffer_size(&p)));
      const std::size_t done = csv_parse(&p, line.data() + off, len, on_field, on_row, &st);
      if (done < len && !st.failed) {
        if (csv_error(&p) == CSV_EPARSE)
          src.fail_at(std::string("malformed field (") + csv_strerror(csv_error(&p)) +
                          "): a quote inside an unquoted field or text after a closing quote",
                      st.line, off + done + 1);
        src.fail_at(std::string("cannot parse: ") + csv_strerror(csv_error(&p)), st.line,
                    off + done + 1);
      }
      off += len;
    }
    if (st.failed) src.fail_at(st.message, st.err_line, st.err_col);
  }
  if (in.bad()) throw Error(src.whole() + "error reading the input");
  if (csv_fini(&p, on_field, on_row, &st) != 0)
    src.fail_at("unterminated quoted field at end of input", st.line, st.line_text.size() + 1);
  if (st.failed) src.fail_at(st.message, st.err_line, st.err_col);
  if (st.rows.empty()) {
    CsvLocation where;
    where.path = src.path;
    where.line = 1;
    where.column = 1;
    throw CsvError(src.whole() + "no columns to parse from the input (it is empty)",
                   std::move(where));
  }

  std::vector<std::string> names;
  std::size_t first = 0;
  const std::size_t ncols = st.rows[0].size();
  if (opt.header) {
    const std::vector<Cell> &header = st.rows[0];
    std::unordered_map<std::string, std::size_t> seen;  // name -> its field (0-based)
    for (std::size_t k = 0; k < ncols; ++k) {
      std::string name = header[k].text;
      if (name.empty()) name = "Unnamed: " + std::to_string(k);
      if (auto [it, fresh] = seen.emplace(name, k); !fresh) {
        const std::size_t j = it->second;
        const std::string msg = "duplicate column name '" + name + "' (fields " +
                                std::to_string(j + 1) + " and " + std::to_string(k + 1) +
                                "): rename one of them (pandas would read the second as '" + name +
                                ".1')";
        // The character column is known when the header up to this field is on one line.
        if (header[0].line == st.first_row_at && header[k].line == st.first_row_at &&
            header[0].text.find('\n') == std::string::npos) {
          CsvLocation where;
          where.path = src.path;
          where.line = st.first_row_at;
          where.column = field_column(st.first_row_line, k, opt.delimiter, opt.quote);
          where.field = k + 1;
          where.column_name = name;
          throw CsvError(src.prefix() + "line " + std::to_string(where.line) + ", column " +
                             std::to_string(where.column) + ": " + msg,
                         std::move(where));
        }
        src.fail_cell(msg, header[k].line, k, name);
      }
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
    Series s = infer_column(rows, k, names[k], opt, src);
    if (opt.index_col && names[k] == *opt.index_col) {
      if (s.count() != s.size())
        throw Error(src.whole() + "index column '" + names[k] + "' has missing values");
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
    throw Error(src.whole() + "index column '" + *opt.index_col + "' is not in the header (" +
                avail + ")");
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

const char *file_kind(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "a special file";
}

std::string errno_text(int err) { return std::error_code(err, std::generic_category()).message(); }

}  // namespace

DataFrame read_csv(std::istream &in, const CsvOptions &opt) { return read_csv_from(in, opt, {}); }

DataFrame read_csv(const std::string &path, const CsvOptions &options) {
  // Opened without blocking: opening a FIFO for reading would wait for a writer forever.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) throw Error("read_csv: cannot open '" + path + "': " + errno_text(errno));
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    const int err = errno;
    ::close(fd);
    throw Error("read_csv: cannot read '" + path + "': " + errno_text(err));
  }
  if (!S_ISREG(info.st_mode)) {
    ::close(fd);
    throw Error("read_csv: '" + path + "' is " + file_kind(info.st_mode) +
                ", not a regular file: give the path of a CSV file");
  }
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  __gnu_cxx::stdio_filebuf<char> buf(fd, std::ios::in | std::ios::binary);  // closes fd
  if (!buf.is_open()) {
    ::close(fd);
    throw Error("read_csv: cannot open '" + path + "'");
  }
  std::istream in(&buf);
  return read_csv_from(in, options, Source{path});
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
  if (s.dtype() == DType::timedelta) {  // as pandas prints them: "1 days 02:00:00"
    auto v = s.values<std::int64_t>();
    const bool days = detail::timedelta_days_only(v.data(), n);
    for (std::size_t i = 0; i < n; ++i)
      out[i] = v[i] == kNaT ? na_rep : format_timedelta(v[i], days);
    return out;
  }
  for (std::size_t i = 0; i < n; ++i) out[i] = s.is_missing(i) ? na_rep : s.to_string_at(i);
  return out;
}
}  // namespace

namespace {
// Writes the CSV text in pieces of about kPiece bytes through `emit(std::string_view)`.
constexpr std::size_t kPiece = 1 << 20;

template <class Emit>
void write_rows(const DataFrame &df, const CsvWriteOptions &opt, Emit &&emit) {
  const char d = opt.delimiter;
  std::vector<std::vector<std::string>> cells;
  if (opt.index) {
    std::vector<std::string> labels = detail::format_index(df.index());
    cells.push_back(std::move(labels));
  }
  for (const auto &c : df.columns()) cells.push_back(csv_cells(c, opt.na_rep));
  std::string text;
  if (opt.index) text += quoted(opt.index_label, d);
  for (std::size_t k = 0; k < df.num_columns(); ++k) {
    if (opt.index || k) text += d;
    text += quoted(df.column(k).name(), d);
  }
  text += '\n';
  for (std::size_t r = 0; r < df.num_rows(); ++r) {
    for (std::size_t k = 0; k < cells.size(); ++k) {
      if (k) text += d;
      text += quoted(cells[k][r], d);
    }
    text += '\n';
    if (text.size() >= kPiece) {
      emit(std::string_view(text));
      text.clear();
    }
  }
  if (!text.empty()) emit(std::string_view(text));
}

// A file descriptor closed on every path; close() is checked by `finish`.
struct OutFile {
  int fd = -1;
  ~OutFile() {
    if (fd >= 0) ::close(fd);
  }
};
}  // namespace

void write_csv(const DataFrame &df, std::ostream &out, const CsvWriteOptions &opt) {
  auto fail = [] { throw Error("write_csv: error writing the output (the stream failed)"); };
  if (!out) fail();
  write_rows(df, opt, [&](std::string_view piece) {
    out.write(piece.data(), static_cast<std::streamsize>(piece.size()));
    if (!out) fail();
  });
  out.flush();  // a write error of a file stream often shows only here
  if (!out) fail();
}

void write_csv(const DataFrame &df, const std::string &path, const CsvWriteOptions &options) {
  OutFile file;
  file.fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (file.fd < 0)
    throw Error("write_csv: cannot open '" + path + "' for writing: " + errno_text(errno));
  auto fail = [&](int err) {
    throw Error("write_csv: cannot write '" + path + "': " + errno_text(err) +
                " (the file is incomplete)");
  };
  write_rows(df, options, [&](std::string_view piece) {
    while (!piece.empty()) {
      const ssize_t n = ::write(file.fd, piece.data(), piece.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        fail(errno);
      }
      if (n == 0) fail(EIO);
      piece.remove_prefix(static_cast<std::size_t>(n));
    }
  });
  const int fd = file.fd;
  file.fd = -1;
  if (::close(fd) != 0) fail(errno);  // NFS and others report a full disk at close
}

std::string to_csv(const DataFrame &df, const CsvWriteOptions &options) {
  std::ostringstream os;
  write_csv(df, os, options);
  return os.str();
}

}  // namespace hamilton
