// Reads the `resources:` section of a price catalog: for each portable type
// its category and either `free: reason` or the price lines (component,
// service, SKU source, amount, usage key, quantity factors).

#include <algorithm>

#include "dharma/cost/catalog_reader.hpp"
#include "dharma/cost/money.hpp"
#include "dharma/util/text.hpp"
#include "dharma/yaml/map_reader.hpp"

namespace dharma::cost::catalog_reader {
namespace {

std::optional<QuantityFactor> parse_factor(const yaml::Node& node, Context& ctx) {
  QuantityFactor factor;
  factor.text = node.scalar;
  const std::string& written = node.scalar;
  if (!node.is_scalar() || written.empty()) {
    ctx.diagnostics.error(node.location(),
                          "a quantity factor must be `count`, PROPERTY, PROPERTY|DEFAULT or PROPERTY*N");
    return std::nullopt;
  }
  if (written == "count") {
    return factor;
  }
  const auto bar = written.find('|');
  const auto question = written.find('*');
  const auto split = bar != std::string::npos ? bar : question;
  factor.property = written.substr(0, split);
  if (split == std::string::npos) {
    factor.kind = QuantityFactor::Kind::property;
    return factor;
  }
  yaml::Node number_node = node;
  number_node.scalar = written.substr(split + 1);
  const auto number =
      yaml::number_value(number_node, "the number in quantity factor " + util::quoted(written), 0,
                         k_max_amount, ctx.diagnostics);
  if (!number) {
    return std::nullopt;
  }
  if (split == bar) {
    factor.kind = QuantityFactor::Kind::property;
    factor.default_value = number;
  } else {
    factor.kind = QuantityFactor::Kind::flag;
    factor.when_true = *number;
  }
  return factor;
}

void read_line(const yaml::Node& node, TypeRule& type, Context& ctx) {
  yaml::MapReader fields(node, "a price line", ctx.diagnostics);
  if (!fields.is_map()) {
    return;
  }
  fields.allow_only({"component", "service", "sku", "sku_from", "sku_default", "sku_map", "amount_from",
                     "usage", "estimate", "quantity"});
  LineRule line;
  line.location = node.location();
  auto get = [&](const char* key) -> std::string {
    const auto* value = fields.node(key);
    return value == nullptr ? std::string() : ctx.text(*value, fields.describe(key));
  };
  line.component = get("component");
  line.service = get("service");
  line.sku = get("sku");
  line.sku_from = get("sku_from");
  line.sku_default = get("sku_default");
  line.amount_from = get("amount_from");
  line.usage = get("usage");
  if (line.component.empty()) {
    ctx.diagnostics.error(line.location, "a price line needs a `component` name");
  }
  if (const auto* service = fields.node("service"); service == nullptr) {
    ctx.diagnostics.error(line.location, "a price line needs a `service`");
  } else if (ctx.catalog.services.count(line.service) == 0) {
    ctx.diagnostics.error(service->location(), "unknown service " + util::quoted(line.service) +
                                                   util::did_you_mean(line.service, ctx.service_names()));
  }
  if (line.sku.empty() == line.sku_from.empty()) {
    ctx.diagnostics.error(line.location, "a price line needs exactly one of `sku` and `sku_from`");
  }
  if (const auto* sku_map = fields.node("sku_map")) {
    if (yaml::expect_map(*sku_map, fields.describe("sku_map"), ctx.diagnostics)) {
      for (const auto& [from, to] : sku_map->entries) {
        line.sku_map[from->scalar] = ctx.text(*to, "a `sku_map` value");
      }
    }
    if (line.sku_from.empty()) {
      ctx.diagnostics.error(sku_map->location(), "`sku_map` only applies with `sku_from`");
    }
  }
  if (const auto* estimate = fields.node("estimate")) {
    line.estimate =
        yaml::number_value(*estimate, fields.describe("estimate"), 0, k_max_amount, ctx.diagnostics);
    if (line.usage.empty()) {
      ctx.diagnostics.error(estimate->location(), "`estimate` only applies to a usage-based line (`usage`)");
    }
  }
  if (const auto* quantity = fields.node("quantity")) {
    if (!quantity->is_sequence()) {
      ctx.diagnostics.error(quantity->location(), "`quantity` must be a list of factors");
    } else {
      for (const auto& item : quantity->items) {
        if (auto factor = parse_factor(*item, ctx)) {
          line.quantity.push_back(*factor);
        }
      }
    }
  }
  type.lines.push_back(std::move(line));
}

}  // namespace

void read_type_rules(const yaml::Node& node, Context& ctx) {
  if (!yaml::expect_map(node, "`resources`", ctx.diagnostics)) {
    return;
  }
  for (const auto& [key, value] : node.entries) {
    TypeRule type;
    type.pattern = key->scalar;
    yaml::MapReader fields(*value, "the pricing of " + util::quoted(type.pattern), ctx.diagnostics);
    if (!fields.is_map()) {
      continue;
    }
    fields.allow_only({"category", "lines", "free"});
    if (const auto* category = fields.node("category", yaml::Need::required)) {
      type.category = ctx.text(*category, fields.describe("category"));
      const auto& known = categories();
      if (std::find(known.begin(), known.end(), type.category) == known.end()) {
        ctx.diagnostics.error(category->location(), "unknown category " + util::quoted(type.category) +
                                                        " (one of " + util::join(known, ", ") + ")");
      }
    }
    const auto* free = fields.node("free");
    const auto* lines = fields.node("lines");
    if ((free == nullptr) == (lines == nullptr)) {
      ctx.diagnostics.error(value->location(), "the pricing of " + util::quoted(type.pattern) +
                                                   " needs exactly one of `lines` and `free`");
    }
    if (free != nullptr) {
      type.free = ctx.text(*free, fields.describe("free"));
    }
    if (lines != nullptr) {
      if (!lines->is_sequence() || lines->items.empty()) {
        ctx.diagnostics.error(lines->location(), "`lines` must be a non-empty list of price lines");
      } else {
        for (const auto& line : lines->items) {
          read_line(*line, type, ctx);
        }
      }
    }
    ctx.catalog.types.push_back(std::move(type));
  }
}

}  // namespace dharma::cost::catalog_reader
