// Prints every registered case (or those named on the command line) as
//   ### <name>
//   <the value as pandas prints it>
// A case that throws prints `raises <what>`: OutOfBoundsDatetime for hamilton::OutOfBoundsDatetime,
// Error for any other exception (the message is not compared: pandas' wording differs).
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>

#include "oracle.hpp"

namespace oracle {
namespace {

std::map<std::string, std::function<Result()>> &cases() {
  static std::map<std::string, std::function<Result()>> all;
  return all;
}

// Python's str() of a float, as astype(str) writes it (pandas does the same).
std::string python_float(double v) {
  return hamilton::Series(std::vector<double>{v})
      .astype(hamilton::DType::string)
      .at<std::string>(0);
}

struct Printer {
  // pandas' Series.to_string(name=True, dtype=True).
  std::string operator()(const hamilton::Series &s) const {
    std::string footer = s.name().empty() ? "" : "Name: " + s.name() + ", ";
    footer += "dtype: ";
    footer += s.dtype_name();
    if (s.empty()) return "Series([], " + footer + ")";
    return s.to_string() + "\n" + footer;
  }
  std::string operator()(const hamilton::DataFrame &d) const {
    std::string out = d.to_string();
    out += "\ndtypes:";
    for (const auto &name : d.column_names()) {
      out += ' ';
      out += d[name].dtype_name();
    }
    return out;
  }
  std::string operator()(double v) const { return python_float(v); }
  std::string operator()(std::int64_t v) const { return std::to_string(v); }
  std::string operator()(bool v) const { return v ? "True" : "False"; }
  std::string operator()(const std::string &v) const { return v; }
};

}  // namespace

bool register_case(const char *name, std::function<Result()> fn) {
  if (!cases().emplace(name, std::move(fn)).second) {
    std::fprintf(stderr, "oracle: case '%s' is registered twice\n", name);
    std::abort();
  }
  return true;
}

}  // namespace oracle

int main(int argc, char **argv) {
  auto &all = oracle::cases();
  auto run = [](const std::string &name, const std::function<oracle::Result()> &fn) {
    std::string body;
    try {
      body = std::visit(oracle::Printer{}, fn());
    } catch (const hamilton::OutOfBoundsDatetime &) {
      body = "raises OutOfBoundsDatetime";
    } catch (const std::exception &) {
      body = "raises Error";
    }
    std::cout << "### " << name << '\n' << body << '\n';
  };
  if (argc > 1) {
    for (int i = 1; i < argc; ++i) {
      auto it = all.find(argv[i]);
      if (it == all.end()) {
        std::cerr << "oracle: no case '" << argv[i] << "'\n";
        return 2;
      }
      run(it->first, it->second);
    }
    return 0;
  }
  for (const auto &[name, fn] : all) run(name, fn);
  return 0;
}
