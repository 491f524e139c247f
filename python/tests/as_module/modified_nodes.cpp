// Nodes for the as_module tests: modifiers applied when the graph is built (parameterize,
// extract_columns, config_when), an optional parameter, tags.
#include <hamilton/frame.hpp>
#include <hamilton/node.hpp>
#include <optional>

using hamilton::DataFrame;
using hamilton::Series;

HAMILTON_MODULE(modified_nodes);

NODE(DataFrame, raw_table, (const Series& spend, const Series& signups),
     hamilton::doc("The raw table of spend and signups."),
     extract_columns("table_spend", "table_signups")) {
  return DataFrame({{"table_spend", spend}, {"table_signups", signups}});
}

NODE(Series, channel_share, (const Series& channel_spend, const Series& spend),
     hamilton::doc("Share of the total spend that went to {channel_spend}."),
     parameterize({{"tv_share", {{"channel_spend", source("tv_spend")}}},
                   {"radio_share", {{"channel_spend", source("radio_spend")}}}}),
     tag({{"owner", "marketing"}, {"feature.group", {"channels", "shares"}}})) {
  return channel_spend / spend;
}

NODE(Series, smoothed__rolling, (const Series& spend), hamilton::doc("Rolling mean of 2."),
     config_when({{"smoothing", "rolling"}})) {
  return spend.rolling(2).mean();
}

NODE(Series, smoothed__raw, (const Series& spend), hamilton::doc("Spend as it is."),
     config_when({{"smoothing", "raw"}})) {
  return spend;
}

NODE(double, scaled_total, (const Series& spend, std::optional<double> scale),
     hamilton::doc("Total spend, times scale (1 if not given).")) {
  return spend.sum() * scale.value_or(1.0);
}
