// Reads the `recommendations:` section of a price catalog: discount rules
// (reserved, savings plan, spot), storage tiers and size ladders.

#include "dharma/cost/catalog_reader.hpp"
#include "dharma/cost/money.hpp"
#include "dharma/util/text.hpp"
#include "dharma/yaml/map_reader.hpp"

namespace dharma::cost::catalog_reader {
namespace {

std::optional<DiscountRule> read_discount(const yaml::Node& node, const std::string& name, Context& ctx) {
  yaml::MapReader fields(node, "recommendation " + util::quoted(name), ctx.diagnostics);
  if (!fields.is_map()) {
    return std::nullopt;
  }
  fields.allow_only({"discount", "services", "assumption"});
  DiscountRule rule;
  if (const auto* discount = fields.node("discount", yaml::Need::required)) {
    rule.discount =
        yaml::number_value(*discount, fields.describe("discount"), 0, k_max_amount, ctx.diagnostics)
            .value_or(0);
    if (rule.discount >= 1) {
      ctx.diagnostics.error(discount->location(), "`discount` is a fraction below 1 (0.37 means 37%)");
    }
  }
  if (const auto* services = fields.sequence("services", yaml::Need::required)) {
    for (const auto& item : services->items) {
      rule.services.push_back(item->scalar);
      if (ctx.catalog.services.count(item->scalar) == 0) {
        ctx.diagnostics.error(item->location(), "unknown service " + util::quoted(item->scalar));
      }
    }
  }
  if (const auto* assumption = fields.node("assumption", yaml::Need::required)) {
    rule.assumption = ctx.text(*assumption, fields.describe("assumption"));
  }
  return rule;
}

}  // namespace

void read_recommendation_rules(const yaml::Node& node, Context& ctx) {
  yaml::MapReader section(node, "`recommendations`", ctx.diagnostics);
  if (!section.is_map()) {
    return;
  }
  section.allow_only({"reserved", "savings_plan", "spot", "storage_tiers", "size_ladders"});
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
      yaml::MapReader fields(*item, "a storage tier", ctx.diagnostics);
      if (!fields.is_map()) {
        continue;
      }
      fields.allow_only({"service", "from", "to", "share", "assumption"});
      StorageTier tier;
      for (const char* key : {"service", "from", "to", "assumption"}) {
        if (const auto* value = fields.node(key, yaml::Need::required)) {
          const std::string v = ctx.text(*value, fields.describe(key));
          const std::string k = key;
          (k == "service" ? tier.service
           : k == "from"  ? tier.from
           : k == "to"    ? tier.to
                          : tier.assumption) = v;
        }
      }
      if (const auto* share = item->find("share")) {
        tier.share = yaml::number_value(*share, fields.describe("share"), 0, k_max_amount, ctx.diagnostics)
                         .value_or(1);
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
