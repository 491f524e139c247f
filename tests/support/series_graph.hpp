#pragma once
// A graph of Series nodes for the column-buffer pool's tests: node k combines two earlier nodes
// (or the inputs `a` and `b`).
#include <hamilton/hamilton.hpp>
#include <string>
#include <vector>

namespace series_graph {

inline std::string name_of(int k) {
  if (k == -2) return "a";
  if (k == -1) return "b";
  std::string name = "s";
  name += std::to_string(k);
  return name;
}

// The two dependencies differ: first_dep >= -1 and second_dep < first_dep. Nodes 5j .. 5j+4 all
// take node 5j-1, so five are ready at once.
inline int first_dep(int k) { return k - 1 - k % 5; }
inline int second_dep(int k) { return first_dep(k) - 1 - (3 * k) % 7; }
inline int clamp(int d) { return d < -2 ? -2 : d; }

inline hamilton::Series op(int k, const hamilton::Series& x, const hamilton::Series& y) {
  switch (k % 3) {
    case 0:
      return x + y * 0.5;
    case 1:
      return x * 0.5 - y;
    default:
      return (x - y) * 0.25 + 1.0;
  }
}

inline hamilton::Module make_module(int nodes) {
  hamilton::Module m("series_graph");
  for (int k = 0; k < nodes; ++k)
    m.add(name_of(k), {name_of(clamp(first_dep(k))), name_of(clamp(second_dep(k)))},
          [k](const hamilton::Series& x, const hamilton::Series& y) { return op(k, x, y); });
  return m;
}

inline std::vector<std::string> names(int nodes) {
  std::vector<std::string> out;
  for (int k = 0; k < nodes; ++k) out.push_back(name_of(k));
  return out;
}

/// The same values computed directly.
inline std::vector<hamilton::Series> baseline(int nodes, const hamilton::Series& a,
                                              const hamilton::Series& b) {
  std::vector<hamilton::Series> v;
  auto get = [&](int d) -> const hamilton::Series& {
    d = clamp(d);
    return d == -2 ? a : d == -1 ? b : v[static_cast<std::size_t>(d)];
  };
  for (int k = 0; k < nodes; ++k) v.push_back(op(k, get(first_dep(k)), get(second_dep(k))));
  return v;
}

}  // namespace series_graph
