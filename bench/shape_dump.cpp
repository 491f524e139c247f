// Prints the generated workload graphs as JSON, so that bench/python_hamilton.py builds the
// very same graphs in Python Hamilton: {"<nodes>": {"deps": [[...], ...], "op": [...]}}.
#include <iostream>
#include <string>

#include "support/layered_graph.hpp"

int main() {
  struct Spec {
    int nodes;
    unsigned seed;
  };
  // the shapes bench/engine.cpp uses: columns (seed 1), big columns (seed 3), rows (seed 9)
  const Spec specs[] = {{1000, 1}, {4000, 1}, {10000, 1}, {100, 3}, {100, 9}, {1000, 9}};
  std::cout << "{";
  bool first_spec = true;
  for (const auto& spec : specs) {
    auto shape = workload::make_shape(spec.nodes, spec.seed);
    std::cout << (first_spec ? "" : ",") << "\n \"" << spec.nodes << "/" << spec.seed
              << "\": {\"deps\": [";
    first_spec = false;
    for (std::size_t i = 0; i < shape.deps.size(); ++i) {
      std::cout << (i ? "," : "") << "[";
      for (std::size_t k = 0; k < shape.deps[i].size(); ++k)
        std::cout << (k ? "," : "") << shape.deps[i][k];
      std::cout << "]";
    }
    std::cout << "], \"op\": [";
    for (std::size_t i = 0; i < shape.op.size(); ++i) std::cout << (i ? "," : "") << shape.op[i];
    std::cout << "]}";
  }
  std::cout << "\n}\n";
}
