#pragma once
// The generated workload of the tests and benchmarks: a layered graph where node i takes 1 to
// 3 earlier nodes (or the external inputs `a` and `b`) and does float arithmetic. Values stay
// in [-1, 1] when the inputs do. `Value` is `double` (row-based) or `std::vector<double>`.
#include <functional>
#include <hamilton/frame.hpp>
#include <hamilton/hamilton.hpp>
#include <random>
#include <string>
#include <vector>

namespace workload {

using Column = std::vector<double>;

struct Shape {
  std::vector<std::vector<int>> deps;  // per node: indices of earlier nodes; -1 = a, -2 = b
  std::vector<int> op;                 // which operation of its arity
};

inline Shape make_shape(int nodes, unsigned seed, int window = 40) {
  std::mt19937 rng(seed);
  Shape s;
  s.deps.resize(nodes);
  s.op.resize(nodes);
  for (int i = 0; i < nodes; ++i) {
    int arity = 1 + static_cast<int>(rng() % 3);
    std::vector<int>& d = s.deps[i];
    while (static_cast<int>(d.size()) < arity) {
      int lo = std::max(-2, i - window);
      int pick = lo + static_cast<int>(rng() % static_cast<unsigned>(i - lo));
      if (i == 0) pick = -1 - static_cast<int>(rng() % 2);
      bool dup = false;
      for (int x : d) dup = dup || x == pick;
      if (!dup) d.push_back(pick);
      if (i < 2 && d.size() >= static_cast<std::size_t>(std::min(arity, i + 2))) break;
    }
    s.op[i] = static_cast<int>(rng() % 2);
  }
  return s;
}

inline std::string name_of(int dep) {
  if (dep == -1) return "a";
  if (dep == -2) return "b";
  std::string name = "n";
  name += std::to_string(dep);
  return name;
}

// The operations, on doubles and (as whole-column expressions) on hamilton::Series.
template <class T>
T op1(int op, const T& x) { return op ? x * 0.9 + 0.1 : -x * 0.5; }
template <class T>
T op2(int op, const T& a, const T& b) { return op ? (a + b) * 0.5 : a * b; }
template <class T>
T op3(int op, const T& a, const T& b, const T& c) { return op ? (a * b - c) * 0.5 : (a + b + c) / 3.0; }

inline double apply(int arity, int op, const double* x) {
  if (arity == 1) return op1(op, x[0]);
  if (arity == 2) return op2(op, x[0], x[1]);
  return op3(op, x[0], x[1], x[2]);
}

inline Column apply(int arity, int op, const Column* const* x) {
  Column out(x[0]->size());
  const std::size_t n = out.size();
  if (arity == 1) {
    const double* p = x[0]->data();
    for (std::size_t i = 0; i < n; ++i) out[i] = op1(op, p[i]);
  } else if (arity == 2) {
    const double *p = x[0]->data(), *q = x[1]->data();
    for (std::size_t i = 0; i < n; ++i) out[i] = op2(op, p[i], q[i]);
  } else {
    const double *p = x[0]->data(), *q = x[1]->data(), *r = x[2]->data();
    for (std::size_t i = 0; i < n; ++i) out[i] = op3(op, p[i], q[i], r[i]);
  }
  return out;
}

/// The module of the workload (node names n0 .. n<N-1>). With `version_of`, node i gets the code
/// version `version_of(i)` (for the result cache).
template <class V>
hamilton::Module make_module(const Shape& s, const std::string& name = "layered",
                             const std::function<std::string(int)>& version_of = {}) {
  hamilton::Module m(name);
  for (std::size_t i = 0; i < s.deps.size(); ++i) {
    std::vector<std::string> params;
    for (int d : s.deps[i]) params.push_back(name_of(d));
    int op = s.op[i];
    std::vector<hamilton::Modifier> mods;
    if (version_of) mods.push_back(hamilton::modifiers::version(version_of(static_cast<int>(i))));
    auto add = [&](auto fn) { m.add("n" + std::to_string(i), params, std::move(fn), mods); };
    if constexpr (std::is_same_v<V, double>) {
      switch (params.size()) {
        case 1:
          add([op](double x) { return op1(op, x); });
          break;
        case 2:
          add([op](double x, double y) { return op2(op, x, y); });
          break;
        default:
          add([op](double x, double y, double z) { return op3(op, x, y, z); });
      }
    } else if constexpr (std::is_same_v<V, hamilton::Series>) {
      using S = hamilton::Series;
      switch (params.size()) {
        case 1:
          add([op](const S& x) { return op1(op, x); });
          break;
        case 2:
          add([op](const S& x, const S& y) { return op2(op, x, y); });
          break;
        default:
          add([op](const S& x, const S& y, const S& z) { return op3(op, x, y, z); });
      }
    } else {
      switch (params.size()) {
        case 1:
          add([op](const Column& x) {
            const Column* a[] = {&x};
            return apply(1, op, a);
          });
          break;
        case 2:
          add([op](const Column& x, const Column& y) {
            const Column* a[] = {&x, &y};
            return apply(2, op, a);
          });
          break;
        default:
          add([op](const Column& x, const Column& y, const Column& z) {
            const Column* a[] = {&x, &y, &z};
            return apply(3, op, a);
          });
      }
    }
  }
  return m;
}

/// The plain C++ baseline: the same functions called directly in topological order.
template <class V>
std::vector<V> run_baseline(const Shape& s, const V& a, const V& b) {
  std::vector<V> vals(s.deps.size());
  for (std::size_t i = 0; i < s.deps.size(); ++i) {
    const auto& d = s.deps[i];
    const V* args[3] = {};
    for (std::size_t k = 0; k < d.size(); ++k) args[k] = d[k] == -1 ? &a : d[k] == -2 ? &b : &vals[d[k]];
    if constexpr (std::is_same_v<V, double>) {
      double x[3];
      for (std::size_t k = 0; k < d.size(); ++k) x[k] = *args[k];
      vals[i] = apply(static_cast<int>(d.size()), s.op[i], x);
    } else if constexpr (std::is_same_v<V, hamilton::Series>) {
      if (d.size() == 1) vals[i] = op1(s.op[i], *args[0]);
      else if (d.size() == 2) vals[i] = op2(s.op[i], *args[0], *args[1]);
      else vals[i] = op3(s.op[i], *args[0], *args[1], *args[2]);
    } else {
      vals[i] = apply(static_cast<int>(d.size()), s.op[i], args);
    }
  }
  return vals;
}

inline std::vector<std::string> all_names(const Shape& s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.deps.size(); ++i) out.push_back("n" + std::to_string(i));
  return out;
}

}  // namespace workload
