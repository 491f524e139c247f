// A feature service: NODEs and a driver computing a DataFrame per request, linked against
// hamilton::core (and the hamilton::frame it brings) only. It prints the frame and then every
// shared library mapped into the process, so the test can check that neither Graphviz, oneTBB
// nor libcsv was loaded.
#include <fstream>
#include <hamilton/driver.hpp>
#include <hamilton/frame.hpp>
#include <hamilton/node.hpp>
#include <iostream>
#include <set>
#include <string>

using hamilton::Series;

HAMILTON_MODULE(service_features);

NODE(Series, spend_per_signup, (const Series& spend, const Series& signups),
     check_output(dq::range(0.0, 100.0))) {
  return spend / signups;
}

int main() {
  auto dr = hamilton::Builder()
                .with_modules("service_features")
                .with_result_builder(hamilton::DataFrameResult())
                .build();
  auto df = dr.execute<hamilton::DataFrame>({"spend_per_signup"},
                                            {{"spend", Series{10, 20}}, {"signups", Series{1, 4}}});
  std::cout << df.to_string() << "\n";
  std::ifstream maps("/proc/self/maps");
  std::set<std::string> libraries;
  for (std::string line; std::getline(maps, line);) {
    auto slash = line.find('/');
    if (slash != std::string::npos && line.find(".so", slash) != std::string::npos)
      libraries.insert(line.substr(line.rfind('/') + 1));
  }
  for (const auto& lib : libraries) std::cout << "loaded " << lib << "\n";
  return 0;
}
