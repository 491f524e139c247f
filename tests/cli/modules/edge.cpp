// Nodes for the CLI's edge cases: inputs of integer, floating-point, string and Series types,
// and a doc and a tag that are not UTF-8 (Latin-1 bytes).
#include <cstdint>
#include <hamilton/hamilton.hpp>
#include <string>

using hamilton::Series;

HAMILTON_MODULE(cli_edge);

NODE(long long, count_plus_one, (int count), doc("count + 1, from an int input.")) {
  return static_cast<long long>(count) + 1;
}

NODE(unsigned, unsigned_echo, (unsigned u), doc("An unsigned input, returned.")) { return u; }

NODE(std::int64_t, int64_echo, (std::int64_t big), doc("An int64 input, returned.")) { return big; }

NODE(std::uint64_t, uint64_echo, (std::uint64_t ubig), doc("A uint64 input, returned.")) {
  return ubig;
}

NODE(float, float_echo, (float f), doc("A float input, returned.")) { return f; }

NODE(double, double_echo, (double d), doc("A double input, returned.")) { return d; }

NODE(bool, bool_echo, (bool flag), doc("A bool input, returned.")) { return flag; }

NODE(std::string, text_echo, (const std::string& text), doc("A string input, returned.")) {
  return text;
}

NODE(Series, series_echo, (const Series& column), doc("A Series input, returned.")) {
  return column;
}

NODE(std::string, latin1_text, (const std::string& text), doc("Caf\xe9 au lait (Latin-1)."),
     tag("owner", "J\xfcrgen")) {
  return text + "\xff";
}
