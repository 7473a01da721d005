// Reads the `recommendations:` section of a price catalog: discount rules
// (reserved, savings plan, spot), storage tiers and size ladders.

#include "dharma/cost/catalog_reader.hpp"
#include "dharma/cost/yaml_fields.hpp"
#include "dharma/util/text.hpp"

namespace dharma::cost::catalog_reader {
namespace {

std::optional<DiscountRule> read_discount(const yaml::Node& node, const std::string& name, Context& ctx) {
  if (!fields::expect_map(node, util::quoted(name), ctx.diagnostics)) {
    return std::nullopt;
  }
  fields::check_keys(node, {"discount", "services", "assumption"}, util::quoted(name), ctx.diagnostics);
  DiscountRule rule;
  if (const auto* discount = fields::required(node, "discount", util::quoted(name), ctx.diagnostics)) {
    rule.discount = fields::non_negative_number(*discount, "`discount`", ctx.diagnostics).value_or(0);
    if (rule.discount >= 1) {
      ctx.diagnostics.error(discount->location(), "`discount` is a fraction below 1 (0.37 means 37%)");
    }
  }
  if (const auto* services = fields::required(node, "services", util::quoted(name), ctx.diagnostics)) {
    for (const auto& item : services->items) {
      rule.services.push_back(item->scalar);
      if (ctx.catalog.services.count(item->scalar) == 0) {
        ctx.diagnostics.error(item->location(), "unknown service " + util::quoted(item->scalar));
      }
    }
  }
  if (const auto* assumption = fields::required(node, "assumption", util::quoted(name), ctx.diagnostics)) {
    rule.assumption = ctx.text(*assumption, "`assumption`");
  }
  return rule;
}

}  // namespace

void read_recommendation_rules(const yaml::Node& node, Context& ctx) {
  if (!fields::expect_map(node, "`recommendations`", ctx.diagnostics)) {
    return;
  }
  fields::check_keys(node, {"reserved", "savings_plan", "spot", "storage_tiers", "size_ladders"},
                     "`recommendations`", ctx.diagnostics);
  auto& rules = ctx.catalog.recommendations;
  if (const auto* reserved = node.find("reserved")) {
    rules.reserved = read_discount(*reserved, "reserved", ctx);
  }
  if (const auto* savings_plan = node.find("savings_plan")) {
    rules.savings_plan = read_discount(*savings_plan, "savings_plan", ctx);
  }
  if (const auto* spot = node.find("spot")) {
    rules.spot = read_discount(*spot, "spot", ctx);
  }
  if (const auto* tiers = node.find("storage_tiers")) {
    for (const auto& item : tiers->items) {
      if (!fields::expect_map(*item, "a storage tier", ctx.diagnostics)) {
        continue;
      }
      fields::check_keys(*item, {"service", "from", "to", "share", "assumption"}, "a storage tier",
                         ctx.diagnostics);
      StorageTier tier;
      for (const char* key : {"service", "from", "to", "assumption"}) {
        if (const auto* value = fields::required(*item, key, "a storage tier", ctx.diagnostics)) {
          const std::string v = ctx.text(*value, std::string("`") + key + "`");
          const std::string k = key;
          (k == "service" ? tier.service
           : k == "from"  ? tier.from
           : k == "to"    ? tier.to
                          : tier.assumption) = v;
        }
      }
      if (const auto* share = item->find("share")) {
        tier.share = fields::non_negative_number(*share, "`share`", ctx.diagnostics).value_or(1);
      }
      rules.storage_tiers.push_back(tier);
    }
  }
  if (const auto* ladders = node.find("size_ladders")) {
    for (const auto& ladder : ladders->items) {
      std::vector<std::string> sizes;
      for (const auto& size : ladder->items) {
        sizes.push_back(size->scalar);
      }
      rules.size_ladders.push_back(std::move(sizes));
    }
  }
}

}  // namespace dharma::cost::catalog_reader
