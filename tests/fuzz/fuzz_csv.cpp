// Fuzz target `csv`: hamilton::read_csv on arbitrary bytes, then the frame written back as CSV
// and as text. The first byte picks the options (header, date parsing, delimiter, an index
// column named `idx`); the rest is the file. Malformed CSV must be a hamilton::Error (CsvError
// with line and column), never a crash or another exception.
#include <hamilton/frame.hpp>
#include <hamilton/io/csv.hpp>
#include <sstream>
#include <string>

#include "fuzz_target.hpp"

HAMILTON_FUZZ_TARGET(csv) {
  if (size == 0) return 0;
  const std::uint8_t flags = data[0];
  hamilton::CsvOptions options;
  options.header = (flags & 1) == 0;
  options.parse_dates = (flags & 2) == 0;
  if (flags & 4) options.delimiter = (flags & 8) ? '\t' : ';';
  if (flags & 16) options.index_col = "idx";
  std::istringstream in(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  hamilton::DataFrame df;
  try {
    df = hamilton::read_csv(in, options);
  } catch (const hamilton::Error&) {
    return 0;  // malformed input, reported
  }
  try {
    const std::string csv = hamilton::to_csv(df);
    const std::string text = df.to_string();
    (void)csv;
    (void)text;
  } catch (const hamilton::Error&) {
  }
  return 0;
}
