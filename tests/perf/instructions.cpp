// Runs one workload a given number of times between CALLGRIND_START_INSTRUMENTATION and
// CALLGRIND_STOP_INSTRUMENTATION, after two warm-up runs, so that callgrind
// (--instr-atstart=no) counts only the executes. check_instructions.cmake runs it under
// valgrind and compares the instructions per execute with instruction_thresholds.txt
// (docs/testing.md). Outside valgrind the client requests do nothing.
//
//   perf_instructions <workload> <iterations>
//     row_compiled_1000   Plan::execute of the 1,000-node double graph (bench BM_RowBased/1000)
//     column_execute_200  Driver::execute of every node of a 200-node graph of 100-row Series
#include <valgrind/callgrind.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <hamilton/driver.hpp>
#include <hamilton/frame.hpp>
#include <string>

#include "support/layered_graph.hpp"

namespace {

// Runs `once` twice outside the count, then `iterations` times inside it.
void measure(long iterations, const std::function<void()>& once) {
  once();
  once();
  CALLGRIND_START_INSTRUMENTATION;
  for (long i = 0; i < iterations; ++i) once();
  CALLGRIND_STOP_INSTRUMENTATION;
}

double sink = 0;

void row_compiled(long iterations) {
  auto shape = workload::make_shape(1000, 9);
  auto dr = hamilton::Builder().with_modules(workload::make_module<double>(shape)).build();
  auto plan = dr.compile({workload::all_names(shape).back()}, {"a", "b"});
  double x = 0;
  measure(iterations, [&] {
    x += 1e-6;
    hamilton::Value in[] = {x, 0.5 - x};
    auto out = plan.execute(in);
    sink += out.value(0).get<double>();
  });
}

std::vector<double> column(std::size_t rows, double seed) {
  std::vector<double> c(rows);
  for (std::size_t i = 0; i < rows; ++i) c[i] = std::sin(seed + 0.01 * static_cast<double>(i));
  return c;
}

void column_execute(long iterations) {
  auto shape = workload::make_shape(200, 3);
  auto dr =
      hamilton::Builder().with_modules(workload::make_module<hamilton::Series>(shape)).build();
  auto outputs = workload::all_names(shape);
  hamilton::Series a(column(100, 0.1));
  hamilton::Inputs in{{"a", a}, {"b", hamilton::Series(column(100, 0.7), "", a.index())}};
  measure(iterations, [&] {
    auto r = dr.execute(outputs, in);
    sink += r.get<hamilton::Series>(outputs.back()).values<double>()[0];
  });
}

}  // namespace

int main(int argc, char** argv) {
  const std::string workload = argc > 1 ? argv[1] : "";
  const long iterations = argc > 2 ? std::strtol(argv[2], nullptr, 10) : 0;
  if (iterations <= 0 || (workload != "row_compiled_1000" && workload != "column_execute_200")) {
    std::fprintf(
        stderr, "usage: perf_instructions <row_compiled_1000 | column_execute_200> <iterations>\n");
    return 2;
  }
  if (workload == "row_compiled_1000") row_compiled(iterations);
  if (workload == "column_execute_200") column_execute(iterations);
  std::printf("%s %ld %g\n", workload.c_str(), iterations, sink);
  return 0;
}
