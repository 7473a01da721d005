#include "dharma/api/version_api.hpp"

#include <nlohmann/json.hpp>

#include "dharma/cost/price_catalog.hpp"

namespace dharma::api {
namespace {

struct PriceDate {
  std::string provider;
  std::string as_of;
  std::string source;
};

}  // namespace

int version_show(const VersionOptions& options, CommandContext& context) {
  const std::size_t types = context.catalog().type_names().size();
  std::vector<PriceDate> prices;
  for (const auto& provider : catalog::providers()) {
    if (const cost::PriceCatalog* prices_of = context.price_book().catalog(provider.name);
        prices_of != nullptr) {
      prices.push_back({provider.name, prices_of->as_of, prices_of->source});
    }
  }
  const std::string data = context.data_directory().string();

  if (options.format == "json") {
    nlohmann::ordered_json document{{"version", options.version},
                                    {"commit", options.commit},
                                    {"data_directory", data},
                                    {"catalog", {{"types", types}}},
                                    {"pricing", nlohmann::ordered_json::object()}};
    for (const auto& price : prices) {
      document["pricing"][price.provider] = {{"as_of", price.as_of}, {"source", price.source}};
    }
    context.out() << document.dump(2) << '\n';
    return 0;
  }
  context.out() << "dharma " << options.version << '\n'
                << "commit:   " << options.commit << '\n'
                << "data:     " << data << '\n'
                << "catalog:  " << types << " resource types\n"
                << "prices:  ";
  for (std::size_t i = 0; i < prices.size(); ++i) {
    context.out() << (i == 0 ? " " : ", ") << prices[i].provider << ' ' << prices[i].as_of;
  }
  context.out() << (prices.empty() ? " none\n" : "\n");
  return 0;
}

}  // namespace dharma::api
