// Builds the feature graph for a config, prints the feature frame and the data-quality report.
//   feature_engineering [synthetic|fixed] [rolling|ewm]
#include <hamilton/driver.hpp>
#include <hamilton/frame.hpp>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  const std::string source = argc > 1 ? argv[1] : "synthetic";
  const std::string smoothing = argc > 2 ? argv[2] : "rolling";
  auto dr = hamilton::Builder()
                .with_modules("date_features", "marketing_features", "spend_features")
                .with_config({{"data_source", source}, {"smoothing", smoothing}, {"days_of_data", 14}})
                .with_result_builder(hamilton::DataFrameResult())
                .build();

  // warnings of `warn` checks go to the report below instead of stderr
  hamilton::dq::set_log_sink([](const hamilton::dq::ValidationResult&) {});

  const std::vector<std::string> features = {
      "date",     "spend",       "signups",          "day_of_week",   "month",
      "is_weekend", "tv_share",  "radio_share",      "weekend_signups", "avg_3wk_spend",
      "spend_per_signup", "spend_zero_mean_unit_variance"};
  try {
    auto result = dr.execute(features, {});
    std::cout << result.as<hamilton::DataFrame>().to_string() << "\n\n";
    auto report = hamilton::dq::report(result);
    std::cout << report.to_string() << "\n" << report.to_json() << "\n";
  } catch (const hamilton::DataValidationError& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }

  std::cout << "\nfeatures owned by marketing:";
  for (const auto& v : dr.list_available_variables({{"owner", "marketing"}})) std::cout << " " << v.name;
  std::cout << "\n";
  return 0;
}
