// The .str accessor against pandas.
#include <string>
#include <vector>

#include "oracle.hpp"

using hamilton::Series;

namespace {
Series names() {
  return Series::strings({"  Alice ", "bob", "", "CAROL", "dave.b", "Émile"},
                         {false, false, true, false, false, false}, "name");
}
Series plain() { return Series({"apple pie", "banana", "cherry pie", "a.b"}, "s"); }
}  // namespace

HAMILTON_ORACLE_CASE(str_contains_plain) { return plain().str().contains("pie", false); }
HAMILTON_ORACLE_CASE(str_contains_dot_plain) { return plain().str().contains(".", false); }
HAMILTON_ORACLE_CASE(str_contains_regex) { return plain().str().contains("^b|rry"); }
HAMILTON_ORACLE_CASE(str_contains_regex_dot) { return plain().str().contains("a.b"); }
HAMILTON_ORACLE_CASE(str_contains_missing) { return names().str().contains("a", false); }
HAMILTON_ORACLE_CASE(str_contains_missing_na_false) {
  return names().str().contains("a", false, false);
}
HAMILTON_ORACLE_CASE(str_contains_bad_regex) { return plain().str().contains("(", true); }
HAMILTON_ORACLE_CASE(str_startswith) { return plain().str().startswith("b"); }
HAMILTON_ORACLE_CASE(str_startswith_missing) { return names().str().startswith("b"); }
HAMILTON_ORACLE_CASE(str_endswith) { return plain().str().endswith("pie"); }
HAMILTON_ORACLE_CASE(str_endswith_na_true) { return names().str().endswith("b", true); }
HAMILTON_ORACLE_CASE(str_lower) { return names().str().lower(); }
HAMILTON_ORACLE_CASE(str_upper_ascii) { return plain().str().upper(); }
HAMILTON_ORACLE_CASE(str_len) { return plain().str().len(); }
HAMILTON_ORACLE_CASE(str_len_missing_unicode) { return names().str().len(); }
HAMILTON_ORACLE_CASE(str_replace_plain) { return plain().str().replace("pie", "tart"); }
HAMILTON_ORACLE_CASE(str_replace_dot_plain) { return plain().str().replace(".", "-"); }
HAMILTON_ORACLE_CASE(str_replace_regex) { return plain().str().replace("[aeiou]", "_", true); }
HAMILTON_ORACLE_CASE(str_replace_missing) { return names().str().replace("b", "B"); }
HAMILTON_ORACLE_CASE(str_strip) { return names().str().strip(); }
HAMILTON_ORACLE_CASE(str_strip_chars) { return plain().str().strip("ae"); }
HAMILTON_ORACLE_CASE(str_lstrip) { return names().str().lstrip(); }
HAMILTON_ORACLE_CASE(str_rstrip) { return names().str().rstrip(); }
HAMILTON_ORACLE_CASE(str_on_numbers) { return Series({1.0, 2.0}, "x").str().upper(); }
HAMILTON_ORACLE_CASE(str_empty) { return Series(std::vector<std::string>{}, "s").str().len(); }
HAMILTON_ORACLE_CASE(str_keeps_index) {
  return Series({"Ab", "cD"}, "s", hamilton::Index::from_int64({7, 3})).str().upper();
}
