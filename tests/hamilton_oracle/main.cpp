// Prints every case as `name<TAB>text` (newlines and backslashes escaped), one per line.
#include <exception>
#include <iostream>

#include "oracle.hpp"

int main() {
  for (const auto& [name, fn] : hamilton_oracle::cases()) {
    std::string text;
    try {
      text = fn();
    } catch (const std::exception& e) {
      text = std::string("raises ") + e.what();
    }
    std::string escaped;
    for (char c : text) {
      if (c == '\\')
        escaped += "\\\\";
      else if (c == '\n')
        escaped += "\\n";
      else if (c == '\t')
        escaped += "\\t";
      else
        escaped += c;
    }
    std::cout << name << '\t' << escaped << '\n';
  }
  return 0;
}
