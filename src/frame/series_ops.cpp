// Binary element-wise operations between Series (index-aligned) and with
// scalars.
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>

#include "hamilton/frame/series.hpp"
#include "internal.hpp"

namespace hamilton::detail {
namespace {

const char *symbol(BinOp op) {
  switch (op) {
    case BinOp::add:
      return "+";
    case BinOp::sub:
      return "-";
    case BinOp::mul:
      return "*";
    case BinOp::div:
      return "/";
    case BinOp::pow:
      return "pow";
    case BinOp::lt:
      return "<";
    case BinOp::le:
      return "<=";
    case BinOp::gt:
      return ">";
    case BinOp::ge:
      return ">=";
    case BinOp::eq:
      return "==";
    case BinOp::ne:
      return "!=";
    case BinOp::and_:
      return "&";
    case BinOp::or_:
      return "|";
  }
  return "?";
}

const char *verb(BinOp op) {
  switch (op) {
    case BinOp::add:
      return "add";
    case BinOp::sub:
      return "subtract";
    case BinOp::mul:
      return "multiply";
    case BinOp::div:
      return "divide";
    case BinOp::pow:
      return "raise to a power";
    case BinOp::and_:
    case BinOp::or_:
      return "combine with a logical operator";
    default:
      return "compare";
  }
}

bool is_arith(BinOp op) { return op <= BinOp::pow; }
bool is_cmp(BinOp op) { return op >= BinOp::lt && op <= BinOp::ne; }
bool is_logic(BinOp op) { return op == BinOp::and_ || op == BinOp::or_; }

std::string what(BinOp op) { return std::string("Series '") + symbol(op) + "'"; }

[[noreturn]] void type_error(BinOp op, const std::string &a, const std::string &b) {
  throw Error(what(op) + ": cannot " + verb(op) + " " + a + " and " + b);
}

std::string scalar_desc(const Scalar &s) { return dtype_label(s.dtype) + " scalar"; }

// Whether the dtype pair is supported; returns false when the op must raise.
bool supported(BinOp op, DType a, DType b) {
  if (is_logic(op)) return a == DType::boolean && b == DType::boolean;
  if (is_arith(op)) {
    if (is_numeric(a) && is_numeric(b)) return true;
    return op == BinOp::add && a == DType::string && b == DType::string;
  }
  // comparisons
  if (is_numeric(a) && is_numeric(b)) return true;
  return a == b;  // string/string, datetime/datetime
}

bool is_intlike(DType t) { return t == DType::int64 || t == DType::boolean; }

template <class T>
inline T load(const void *p, std::size_t i) {
  return static_cast<const T *>(p)[i];
}

inline std::int64_t wrap_add(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
}
inline std::int64_t wrap_sub(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b));
}
inline std::int64_t wrap_mul(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) * static_cast<std::uint64_t>(b));
}

// Element accessors: X and Y produce the i-th operand. Out-of-line per dtype
// combination so that each inner loop is a tight, vectorizable loop over
// contiguous arrays.
template <class Out, class XF, class YF, class F>
Series run(std::size_t n, XF x, YF y, F f, DType dt, const std::string &name, const Index &ix) {
  auto b = alloc<Out>(n);
  Out *__restrict o = b.data;
  for (std::size_t i = 0; i < n; ++i) o[i] = f(x(i), y(i));
  return make_series(dt, n, b, name, ix);
}

template <class XF, class YF>
Series arith_double(BinOp op, std::size_t n, XF x, YF y, const std::string &name, const Index &ix) {
  switch (op) {
    case BinOp::add:
      return run<double>(
          n, x, y, [](double a, double b) { return a + b; }, DType::float64, name, ix);
    case BinOp::sub:
      return run<double>(
          n, x, y, [](double a, double b) { return a - b; }, DType::float64, name, ix);
    case BinOp::mul:
      return run<double>(
          n, x, y, [](double a, double b) { return a * b; }, DType::float64, name, ix);
    case BinOp::div:
      return run<double>(
          n, x, y, [](double a, double b) { return a / b; }, DType::float64, name, ix);
    default:
      return run<double>(
          n, x, y, [](double a, double b) { return std::pow(a, b); }, DType::float64, name, ix);
  }
}

template <class XF, class YF>
Series arith_int(BinOp op, std::size_t n, XF x, YF y, const std::string &name, const Index &ix) {
  switch (op) {
    case BinOp::add:
      return run<std::int64_t>(n, x, y, wrap_add, DType::int64, name, ix);
    case BinOp::sub:
      return run<std::int64_t>(n, x, y, wrap_sub, DType::int64, name, ix);
    case BinOp::mul:
      return run<std::int64_t>(n, x, y, wrap_mul, DType::int64, name, ix);
    case BinOp::div:
      return run<double>(
          n, x, y,
          [](std::int64_t a, std::int64_t b) {
            return static_cast<double>(a) / static_cast<double>(b);
          },
          DType::float64, name, ix);
    default:
      return run<double>(
          n, x, y,
          [](std::int64_t a, std::int64_t b) {
            return std::pow(static_cast<double>(a), static_cast<double>(b));
          },
          DType::float64, name, ix);
  }
}

template <class T, class XF, class YF>
Series compare(BinOp op, std::size_t n, XF x, YF y, const std::string &name, const Index &ix) {
  switch (op) {
    case BinOp::lt:
      return run<bool>(
          n, x, y, [](const T &a, const T &b) { return a < b; }, DType::boolean, name, ix);
    case BinOp::le:
      return run<bool>(
          n, x, y, [](const T &a, const T &b) { return a <= b; }, DType::boolean, name, ix);
    case BinOp::gt:
      return run<bool>(
          n, x, y, [](const T &a, const T &b) { return a > b; }, DType::boolean, name, ix);
    case BinOp::ge:
      return run<bool>(
          n, x, y, [](const T &a, const T &b) { return a >= b; }, DType::boolean, name, ix);
    case BinOp::eq:
      return run<bool>(
          n, x, y, [](const T &a, const T &b) { return a == b; }, DType::boolean, name, ix);
    default:
      return run<bool>(
          n, x, y, [](const T &a, const T &b) { return a != b; }, DType::boolean, name, ix);
  }
}

// Dispatch on operands already known to be compatible and aligned. `x`/`y` are
// either columns (Series) or scalars. Hot combinations (float64/float64,
// int64/int64) get direct pointer loops.
Series dispatch(BinOp op, const Series &a, const Series *b, const Scalar *sc, bool scalar_left,
                const std::string &name) {
  const std::size_t n = a.size();
  const Index &ix = a.index();
  const DType da = a.dtype();
  const DType db = b ? b->dtype() : sc->dtype;

  // Strings: concatenation and comparisons.
  if (da == DType::string) {
    const std::string *pa = a.values<std::string>().data();
    const std::string *pb = b ? b->values<std::string>().data() : nullptr;
    const std::string *s = sc ? &sc->s : nullptr;
    auto lhs = [&](std::size_t i) -> const std::string & { return scalar_left ? *s : pa[i]; };
    auto rhs = [&](std::size_t i) -> const std::string & {
      return b ? pb[i] : scalar_left ? pa[i] : *s;
    };
    std::vector<bool> na(n, false);
    bool has_na = false;
    for (std::size_t i = 0; i < n; ++i)
      if (a.is_missing(i) || (b && b->is_missing(i))) na[i] = has_na = true;
    if (op == BinOp::add) {
      auto buf = alloc<std::string>(n);
      for (std::size_t i = 0; i < n; ++i)
        if (!na[i]) buf.data[i] = lhs(i) + rhs(i);
      return make_series(
          DType::string, n, buf, name, ix,
          has_na ? std::make_shared<const std::vector<bool>>(std::move(na)) : nullptr);
    }
    Series r = compare<std::string>(op, n, lhs, rhs, name, ix);
    if (!has_na) return r;
    std::vector<bool> out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = na[i] ? op == BinOp::ne : r.values<bool>()[i];
    return Series(std::move(out), name, ix);
  }
  if (da == DType::datetime) {  // comparisons only; NaT compares false (true for !=)
    const std::int64_t *pa = a.values<std::int64_t>().data();
    const std::int64_t *pb = b ? b->values<std::int64_t>().data() : nullptr;
    const std::int64_t v = sc ? sc->i : 0;
    auto lhs = [&](std::size_t i) { return scalar_left ? v : pa[i]; };
    auto rhs = [&](std::size_t i) { return b ? pb[i] : scalar_left ? pa[i] : v; };
    auto buf = alloc<bool>(n);
    Series r = compare<std::int64_t>(op, n, lhs, rhs, name, ix);
    const bool *rr = r.values<bool>().data();
    for (std::size_t i = 0; i < n; ++i)
      buf.data[i] = (lhs(i) == kNaT || rhs(i) == kNaT) ? op == BinOp::ne : rr[i];
    return make_series(DType::boolean, n, buf, name, ix);
  }
  if (is_logic(op)) {
    const bool *pa = a.values<bool>().data();
    const bool *pb = b ? b->values<bool>().data() : nullptr;
    const bool v = sc ? sc->b : false;
    auto y = [&](std::size_t i) { return b ? pb[i] : v; };
    auto x = [&](std::size_t i) { return pa[i]; };
    if (op == BinOp::and_)
      return run<bool>(
          n, x, y, [](bool p, bool q) { return p && q; }, DType::boolean, name, ix);
    return run<bool>(
        n, x, y, [](bool p, bool q) { return p || q; }, DType::boolean, name, ix);
  }
  // Numeric.
  if (is_intlike(da) && is_intlike(db)) {
    auto ints = [](const Series &s) {
      return s.dtype() == DType::int64 ? s : s.astype(DType::int64);
    };
    Series ia = ints(a);
    const std::int64_t *pa = ia.values<std::int64_t>().data();
    if (b) {
      Series ib = ints(*b);
      const std::int64_t *pb = ib.values<std::int64_t>().data();
      auto x = [pa](std::size_t i) { return pa[i]; };
      auto y = [pb](std::size_t i) { return pb[i]; };
      return is_cmp(op) ? compare<std::int64_t>(op, n, x, y, name, ix)
                        : arith_int(op, n, x, y, name, ix);
    }
    const std::int64_t v = sc->dtype == DType::int64 ? sc->i : sc->b;
    auto vs = [v](std::size_t) { return v; };
    auto col = [pa](std::size_t i) { return pa[i]; };
    if (scalar_left)
      return is_cmp(op) ? compare<std::int64_t>(op, n, vs, col, name, ix)
                        : arith_int(op, n, vs, col, name, ix);
    return is_cmp(op) ? compare<std::int64_t>(op, n, col, vs, name, ix)
                      : arith_int(op, n, col, vs, name, ix);
  }
  // float64 result (or float comparison).
  if (da == DType::float64 && (!b || db == DType::float64)) {
    const double *pa = a.values<double>().data();
    auto col = [pa](std::size_t i) { return pa[i]; };
    if (b) {
      const double *pb = b->values<double>().data();
      auto y = [pb](std::size_t i) { return pb[i]; };
      return is_cmp(op) ? compare<double>(op, n, col, y, name, ix)
                        : arith_double(op, n, col, y, name, ix);
    }
    const double v = sc->as_double();
    auto vs = [v](std::size_t) { return v; };
    if (scalar_left)
      return is_cmp(op) ? compare<double>(op, n, vs, col, name, ix)
                        : arith_double(op, n, vs, col, name, ix);
    return is_cmp(op) ? compare<double>(op, n, col, vs, name, ix)
                      : arith_double(op, n, col, vs, name, ix);
  }
  // Mixed int/float: convert the integer side once.
  Series fa = a.dtype() == DType::float64 ? a : a.astype(DType::float64);
  if (b) {
    Series fb = b->dtype() == DType::float64 ? *b : b->astype(DType::float64);
    return dispatch(op, fa, &fb, nullptr, false, name);
  }
  Scalar fs;
  fs.dtype = DType::float64;
  fs.f = sc->as_double();
  return dispatch(op, fa, nullptr, &fs, scalar_left, name);
}

// ---------------------------------------------------------------- datetime / timedelta

// Whether an operation goes to `temporal` (any timedelta operand, or arithmetic on a
// datetime); datetime comparisons stay with the generic code.
bool is_temporal(BinOp op, DType a, DType b) {
  if (a == DType::timedelta || b == DType::timedelta) return true;
  return is_arith(op) && (a == DType::datetime || b == DType::datetime);
}

// What `op` on these dtypes (left, right) gives, as pandas allows it; nullopt raises.
std::optional<DType> temporal_result(BinOp op, DType l, DType r) {
  const DType dt = DType::datetime, td = DType::timedelta;
  if (is_cmp(op)) return l == td && r == td ? std::optional(DType::boolean) : std::nullopt;
  switch (op) {
    case BinOp::add:
      if (l == td && r == td) return td;
      if ((l == dt && r == td) || (l == td && r == dt)) return dt;
      return std::nullopt;
    case BinOp::sub:
      if (l == dt && r == dt) return td;
      if (l == dt && r == td) return dt;
      if (l == td && r == td) return td;
      return std::nullopt;
    case BinOp::mul:
      if ((l == td && is_numeric(r)) || (is_numeric(l) && r == td)) return td;
      return std::nullopt;
    case BinOp::div:
      if (l == td && r == td) return DType::float64;
      if (l == td && is_numeric(r)) return td;
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

// One operand of `temporal`: a column or a scalar, read as int64 (ns, int, bool) or double.
struct Operand {
  DType dtype;
  const std::int64_t *ints = nullptr;
  const double *floats = nullptr;
  const bool *bools = nullptr;
  std::int64_t si = 0;
  double sf = 0;
  bool scalar = false;

  static Operand of(const Series &s) {
    Operand o{s.dtype()};
    if (s.dtype() == DType::float64)
      o.floats = s.values<double>().data();
    else if (s.dtype() == DType::boolean)
      o.bools = s.values<bool>().data();
    else
      o.ints = s.values<std::int64_t>().data();
    return o;
  }
  static Operand of(const Scalar &s) {
    Operand o{s.dtype};
    o.scalar = true;
    o.si = s.dtype == DType::boolean ? s.b : s.i;
    o.sf = s.as_double();
    return o;
  }
  std::int64_t i(std::size_t k) const {
    return scalar ? si : ints ? ints[k] : static_cast<std::int64_t>(bools[k]);
  }
  double f(std::size_t k) const { return scalar ? sf : floats[k]; }
  bool missing(std::size_t k) const {
    if (dtype == DType::float64) return std::isnan(f(k));
    return (dtype == DType::datetime || dtype == DType::timedelta) && i(k) == kNaT;
  }
  std::string text(std::size_t k) const {
    switch (dtype) {
      case DType::datetime:
        return format_datetime(i(k), false, i(k) % 1000000000 ? 9 : 0);
      case DType::timedelta:
        return format_timedelta(i(k));
      case DType::float64:
        return python_float_repr(f(k));
      default:
        return std::to_string(i(k));
    }
  }
};

[[noreturn]] void temporal_overflow(BinOp op, DType out, std::size_t row, const Operand &l,
                                    const Operand &r) {
  const std::string expr = l.text(row) + " " + symbol(op) + " " + r.text(row);
  const std::string head = what(op) + ": row " + std::to_string(row) + ": ";
  if (out == DType::datetime) throw OutOfBoundsDatetime(head + datetime_out_of_bounds(expr), expr);
  throw Error(head + expr +
              " is outside the timedelta64[ns] range, -106752 days +00:12:43.145224193 .. "
              "106751 days 23:47:16.854775807 (pandas' Timedelta.min .. Timedelta.max; pandas "
              "raises OverflowError); use smaller durations, or convert to float64 seconds with "
              "dt().total_seconds() first");
}

Series temporal(BinOp op, DType out, const Operand &l, const Operand &r, std::size_t n,
                const std::string &name, const Index &ix) {
  if (out == DType::boolean) {  // timedelta comparisons; NaT compares false (true for !=)
    auto b = alloc<bool>(n);
    for (std::size_t k = 0; k < n; ++k) {
      const std::int64_t x = l.i(k), y = r.i(k);
      if (x == kNaT || y == kNaT) {
        b.data[k] = op == BinOp::ne;
        continue;
      }
      switch (op) {
        case BinOp::lt:
          b.data[k] = x < y;
          break;
        case BinOp::le:
          b.data[k] = x <= y;
          break;
        case BinOp::gt:
          b.data[k] = x > y;
          break;
        case BinOp::ge:
          b.data[k] = x >= y;
          break;
        case BinOp::eq:
          b.data[k] = x == y;
          break;
        default:
          b.data[k] = x != y;
          break;
      }
    }
    return make_series(DType::boolean, n, b, name, ix);
  }
  if (out == DType::float64) {  // timedelta / timedelta
    auto b = alloc<double>(n);
    for (std::size_t k = 0; k < n; ++k)
      b.data[k] = l.missing(k) || r.missing(k)
                      ? std::numeric_limits<double>::quiet_NaN()
                      : static_cast<double>(l.i(k)) / static_cast<double>(r.i(k));
    return make_series(DType::float64, n, b, name, ix);
  }
  auto b = alloc<std::int64_t>(n);
  const bool ns_pair = (l.dtype == DType::datetime || l.dtype == DType::timedelta) &&
                       (r.dtype == DType::datetime || r.dtype == DType::timedelta);
  // The number side of `timedelta * number` / `timedelta / number`.
  const bool num_left = !ns_pair && l.dtype != DType::timedelta;
  const Operand &td = num_left ? r : l;
  const Operand &num = num_left ? l : r;
  for (std::size_t k = 0; k < n; ++k) {
    if (l.missing(k) || r.missing(k)) {
      b.data[k] = kNaT;
      continue;
    }
    std::int64_t v = 0;
    bool overflow = false;
    if (ns_pair) {
      overflow = op == BinOp::add ? __builtin_add_overflow(l.i(k), r.i(k), &v)
                                  : __builtin_sub_overflow(l.i(k), r.i(k), &v);
    } else if (num.dtype == DType::float64) {
      // numpy: the product or quotient in double, truncated towards zero; NaN and
      // infinities (division by zero) are NaT.
      const double x = static_cast<double>(td.i(k));
      const double y = num.f(k);
      const double q = op == BinOp::mul ? x * y : x / y;
      if (!std::isfinite(q)) {
        b.data[k] = kNaT;
        continue;
      }
      overflow = !(q > -0x1p63 && q < 0x1p63);
      if (!overflow) v = static_cast<std::int64_t>(q);
    } else if (op == BinOp::mul) {
      overflow = __builtin_mul_overflow(td.i(k), num.i(k), &v);
    } else {  // timedelta / integer: truncated towards zero, division by zero is NaT
      const std::int64_t y = num.i(k);
      if (y == 0) {
        b.data[k] = kNaT;
        continue;
      }
      v = td.i(k) / y;  // |kTimedeltaMin| == kTimedeltaMax: no overflow
    }
    if (overflow || v == kNaT) temporal_overflow(op, out, k, l, r);
    b.data[k] = v;
  }
  return make_series(out, n, b, name, ix);
}

Series temporal(BinOp op, const Series &a, const Series *b, const Scalar *sc, bool scalar_left,
                const std::string &name) {
  Operand x = Operand::of(a);
  Operand y = b ? Operand::of(*b) : Operand::of(*sc);
  if (scalar_left) std::swap(x, y);
  const std::optional<DType> out = temporal_result(op, x.dtype, y.dtype);
  return temporal(op, *out, x, y, a.size(), name, a.index());
}

}  // namespace

Series binary(BinOp op, const Series &a, const Series &b) {
  const bool temporal_op = is_temporal(op, a.dtype(), b.dtype());
  if (temporal_op ? !temporal_result(op, a.dtype(), b.dtype())
                  : !supported(op, a.dtype(), b.dtype()))
    type_error(op, a.describe(), b.describe());
  if (temporal_op) {
    const std::string &name = a.name() == b.name() ? a.name() : std::string();
    auto go = [&](const Series &l, const Series &r) {
      return temporal(op, l, &r, nullptr, false, name);
    };
    if (a.index().same(b.index())) return go(a, b);
    if (a.index().equals(b.index())) return go(a, b.with_index(a.index()));
    if (is_cmp(op))
      throw Error(what(op) + ": can only compare identically-labeled Series; " + a.describe() +
                  " and " + b.describe() + " have different labels");
    IndexJoin j = join_indexes(a.index(), b.index(), JoinHow::outer,
                               what(op) + " (" + a.describe() + ", " + b.describe() + ")");
    Series a2 = j.left_identity ? a.with_index(j.index) : a.take(j.left, j.index);
    Series b2 = j.right_identity ? b.with_index(j.index) : b.take(j.right, j.index);
    // Rows missing on a numeric side made it float64 with NaN: NaT in the result.
    return go(a2, b2);
  }
  const std::string &name = a.name() == b.name() ? a.name() : std::string();
  if (a.index().same(b.index())) return dispatch(op, a, &b, nullptr, false, name);
  if (a.index().equals(b.index())) {
    Series b2 = b.with_index(a.index());
    return dispatch(op, a, &b2, nullptr, false, name);
  }
  if (is_cmp(op))
    throw Error(what(op) + ": can only compare identically-labeled Series; " + a.describe() +
                " has a " + std::string(a.index().kind_name()) + " index of " +
                std::to_string(a.index().size()) + " labels, " + b.describe() + " has a " +
                std::string(b.index().kind_name()) + " index of " +
                std::to_string(b.index().size()) + " labels that differ");
  IndexJoin j = join_indexes(a.index(), b.index(), JoinHow::outer,
                             what(op) + " (" + a.describe() + ", " + b.describe() + ")");
  auto side = [&](const Series &s, bool identity, const std::vector<std::size_t> &pos) {
    if (identity) return s.with_index(j.index);
    if (is_logic(op)) {  // labels missing on one side count as false (pandas)
      std::vector<bool> v(pos.size());
      const bool *p = s.values<bool>().data();
      for (std::size_t i = 0; i < pos.size(); ++i) v[i] = pos[i] != npos && p[pos[i]];
      return Series(std::move(v), s.name(), j.index);
    }
    return s.take(pos, j.index);
  };
  Series a2 = side(a, j.left_identity, j.left);
  Series b2 = side(b, j.right_identity, j.right);
  return dispatch(op, a2, &b2, nullptr, false, name);
}

Series binary(BinOp op, const Series &a, const Scalar &s, bool scalar_left) {
  const DType l = scalar_left ? s.dtype : a.dtype(), r = scalar_left ? a.dtype() : s.dtype;
  if (is_temporal(op, l, r)) {
    if (!temporal_result(op, l, r)) {
      if (scalar_left) type_error(op, scalar_desc(s), a.describe());
      type_error(op, a.describe(), scalar_desc(s));
    }
    return temporal(op, a, nullptr, &s, scalar_left, a.name());
  }
  bool ok = scalar_left ? supported(op, s.dtype, a.dtype()) : supported(op, a.dtype(), s.dtype);
  if (a.dtype() == DType::datetime && s.dtype == DType::int64 && is_cmp(op)) ok = true;
  if (!ok) {
    if (scalar_left) type_error(op, scalar_desc(s), a.describe());
    type_error(op, a.describe(), scalar_desc(s));
  }
  return dispatch(op, a, nullptr, &s, scalar_left, a.name());
}

}  // namespace hamilton::detail
