// A hello_world-like dataflow for the CLI tests, built as a module library (.so).
#include <hamilton/hamilton.hpp>

#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

using Column = std::vector<double>;

HAMILTON_MODULE(cli_hello);

NODE(Column, avg_3wk_spend, (const Column& spend), doc("Rolling 3 week average spend."),
     tag("owner", "marketing")) {
  Column out(spend.size(), std::nan(""));
  for (std::size_t i = 2; i < spend.size(); ++i) out[i] = (spend[i] + spend[i - 1] + spend[i - 2]) / 3;
  return out;
}

NODE(Column, spend_per_signup, (const Column& spend, const Column& signups),
     doc("The cost per signup in relation to spend."),
     tag({{"owner", "growth"}, {"pii", "true"}})) {
  Column out(spend.size());
  for (std::size_t i = 0; i < spend.size(); ++i) out[i] = spend[i] / signups[i];
  return out;
}

NODE(Column, scaled_spend, (const Column& spend, double scale),
     doc("Spend times the configured scale.")) {
  Column out(spend);
  for (auto& v : out) v *= scale;
  return out;
}

NODE(double, failing_node, (const Column& spend), doc("Always throws (for error tests).")) {
  throw std::runtime_error("failing_node cannot compute with " + std::to_string(spend.size()) + " values");
}
