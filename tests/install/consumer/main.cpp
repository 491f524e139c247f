#include <hamilton/driver.hpp>
#include <iostream>
#include <vector>

int main() {
  auto dr = hamilton::Builder().with_modules("consumer_functions").build();
  auto r = dr.execute({"total"}, {{"values", std::vector<double>{1, 2, 3}}});
  std::cout << "total = " << r.get<double>("total") << " (hamilton-cpp " << hamilton::version()
            << ")\n";
}
