// Marketing features: channel shares of spend, one function for every channel.
#include <hamilton/frame/series.hpp>
#include <hamilton/node.hpp>

using hamilton::Series;

HAMILTON_MODULE(marketing_features);

NODE(Series, channel_share, (const Series& channel_spend, const Series& spend),
     hamilton::doc("Share of the total spend that went to {channel_spend}."),
     parameterize({{"tv_share", {{"channel_spend", source("tv_spend")}}},
                   {"radio_share", {{"channel_spend", source("radio_spend")}}}}),
     check_output(hamilton::dq::range(0.0, 1.0), hamilton::dq::allow_nans(false)),
     tag({{"owner", "marketing"}, {"feature_group", "channels"}})) {
  return channel_spend / spend;
}

NODE(Series, weekend_signups, (const Series& signups, const Series& is_weekend),
     hamilton::doc("Signups on weekends, 0 on weekdays."), tag("owner", "marketing")) {
  return signups.where(is_weekend, 0.0);
}
