// <hamilton/hamilton.hpp> alone brings every layer: Series, DataFrame, CSV, the driver, the tools.
#include <hamilton/hamilton.hpp>

using hamilton::DataFrame;
using hamilton::DataFrameResult;
using hamilton::ParallelExecutor;
using hamilton::Series;

int main() {
  Series s{1, 2, 3};
  hamilton::CsvOptions csv;
  (void)csv;
  (void)&hamilton::tools::dot_all_functions;
  return s.size() == 3 ? 0 : 1;
}
