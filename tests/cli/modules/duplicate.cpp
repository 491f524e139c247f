// Defines `avg_3wk_spend` again: loading it beside cli_hello must fail (duplicate node).
#include <hamilton/hamilton.hpp>

#include <vector>

HAMILTON_MODULE(cli_duplicate);

NODE(std::vector<double>, avg_3wk_spend, (const std::vector<double>& spend),
     doc("A second definition of avg_3wk_spend.")) {
  return spend;
}
