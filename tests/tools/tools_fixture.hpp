#pragma once
// The hello_world dataflow (two modules, a config node, a tagged node, a data-quality check)
// used by the tools tests.
#include <hamilton/hamilton.hpp>

#include <vector>

inline hamilton::Driver hello_driver(bool with_config = true) {
  using Column = std::vector<double>;
  hamilton::Module functions("my_functions");
  functions.add("avg_3wk_spend", {"spend"}, [](const Column& s) { return s; },
                {hamilton::doc("Rolling 3 week average spend."), hamilton::tag("owner", "marketing")});
  functions.add("spend_per_signup", {"spend", "signups"},
                [](const Column& s, const Column&) { return s; },
                {hamilton::doc("The cost per signup in relation to spend."),
                 hamilton::tag({{"owner", "growth"}, {"pii", "true"}})});
  functions.add("scaled_spend", {"spend", "scale"}, [](const Column& s, double) { return s; },
                {hamilton::doc("Spend <scaled> & shifted.")});
  functions.add("with_bonus", {"spend_mean", "bonus"},
                [](double m, std::optional<double> b) { return m + b.value_or(0); });
  hamilton::Module stats("my_stats");
  stats.add("spend_mean", {"spend"}, [](const Column&) { return 1.0; },
            {hamilton::doc("Mean spend."), hamilton::check_output(hamilton::dq::range(0.0, 1000.0))});
  stats.add("spend_zero_mean", {"spend", "spend_mean"}, [](const Column& s, double) { return s; });
  stats.add("spend_std_dev", {"spend"}, [](const Column&) { return 1.0; },
            {hamilton::modifiers::version("3")});
  stats.add("spend_zero_mean_unit_variance", {"spend_zero_mean", "spend_std_dev"},
            [](const Column& s, double) { return s; });
  hamilton::Builder b;
  b.with_modules(functions, stats);
  if (with_config) b.with_config({{"scale", 2.5}});
  return b.build();
}
