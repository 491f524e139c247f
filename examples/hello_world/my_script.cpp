// Python Hamilton's examples/hello_world/my_script.py, in C++: build a driver over the
// my_functions module, compute a DataFrame, print it, and draw the graph.
#include <hamilton/hamilton.hpp>
#include <iostream>

int main() {
  auto dr = hamilton::Builder()
                .with_modules("my_functions")
                .with_result_builder(hamilton::DataFrameResult())
                .build();

  // the columns we want in the final dataframe; inputs can be requested too
  std::vector<std::string> output_columns = {"spend", "signups", "avg_3wk_spend", "spend_per_signup",
                                             "spend_zero_mean_unit_variance"};
  hamilton::Inputs inputs = {{"signups", hamilton::Series{1, 10, 50, 100, 200, 400}},
                             {"spend", hamilton::Series{10, 10, 20, 40, 40, 50}}};
  auto df = dr.execute<hamilton::DataFrame>(output_columns, inputs);
  std::cout << df.to_string() << "\n";

  // the picture of the whole graph: SVG by Graphviz (the suffix picks the format)
  hamilton::tools::display_all_functions(dr, "./my_dag.svg");
  std::cout << "wrote my_dag.svg\n";
  return 0;
}
