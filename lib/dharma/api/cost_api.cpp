// Orchestrates `dharma cost`: resolve the blueprint(s), load the usage file
// and budget, price with the provider's catalog from pricing/, render, write
// atomically, and turn budget/threshold/--strict outcomes into exit code 1.

#include "dharma/api/cost_api.hpp"

#include <charconv>
#include <cmath>

#include "dharma/api/cost_price_book.hpp"
#include "dharma/cost/budget.hpp"
#include "dharma/cost/diff.hpp"
#include "dharma/cost/estimator.hpp"
#include "dharma/cost/facts.hpp"
#include "dharma/cost/price_catalog.hpp"
#include "dharma/cost/recommend.hpp"
#include "dharma/cost/report.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/util/text.hpp"

namespace dharma::api {
namespace {

// The CLI checked the name (cli/shared_flags.hpp); table is the default.
cost::ReportFormat report_format(const std::string& name) {
  return cost::parse_report_format(name).value_or(cost::ReportFormat::table);
}

std::optional<cost::UsageFile> load_usage(const CostOptions& options, CommandContext& context) {
  if (options.usage_file.empty()) {
    return std::nullopt;
  }
  util::Diagnostics diagnostics;
  auto usage = cost::load_usage_file(options.usage_file, diagnostics);
  context.print_diagnostics(diagnostics);
  if (!usage) {
    throw util::Reported(util::ExitCode::invalid_input);
  }
  return usage;
}

void check_usage_or_exit(const cost::UsageFile* usage, const std::vector<const cost::Estimate*>& estimates,
                         CommandContext& context) {
  if (usage == nullptr) {
    return;
  }
  util::Diagnostics diagnostics;
  cost::check_usage(*usage, estimates, diagnostics);
  context.print_diagnostics(diagnostics);
  if (diagnostics.has_errors()) {
    throw util::Reported(util::ExitCode::invalid_input);
  }
}

std::optional<cost::Budget> resolve_budget(const CostOptions& options, CommandContext& context) {
  if (options.budget) {
    return cost::Budget{cost::parse_amount(*options.budget, "--budget"), "--budget"};
  }
  util::Diagnostics diagnostics;
  auto budget = cost::read_project_budget("dharma.yaml", diagnostics);
  context.print_diagnostics(diagnostics);
  if (diagnostics.has_errors()) {
    throw util::Reported(util::ExitCode::invalid_input);
  }
  return budget;
}

std::optional<double> parse_percent(const std::optional<std::string>& text) {
  if (!text) {
    return std::nullopt;
  }
  std::string value = util::trim(*text);
  if (!value.empty() && value.back() == '%') {
    value.pop_back();
  }
  // from_chars, not strtod: no hexadecimal (0x10), no leading blanks, no "inf".
  double percent = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), percent);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size() || !std::isfinite(percent) ||
      percent < 0) {
    throw util::Error("--fail-above-percent: " + util::quoted(*text) +
                      " is not a non-negative percentage (e.g. 10)");
  }
  return percent;
}

void emit(const std::string& text, const CostOptions& options, std::ostream& out) {
  if (options.out.empty() || options.out == "-") {
    out << text;
  } else {
    util::write_file_atomic(options.out, text);
  }
}

cost::Estimate& estimate_file(CommandContext& context, const std::string& file, const ResolveOptions& resolve,
                              const cost::UsageFile* usage, cost::PriceBook& book) {
  ResolveOptions without_secrets = resolve;
  without_secrets.placeholder_secrets = true;  // cost never reads a sensitive value
  const auto& blueprint = context.keep(load_blueprint_or_exit(context, file, without_secrets));
  return estimate_blueprint(blueprint, usage, book, context);
}

int finish_diff(const cost::CostDiff& diff, const CostOptions& options, CommandContext& context) {
  const auto fail_above = options.fail_above
                              ? std::optional<double>(cost::parse_amount(*options.fail_above, "--fail-above"))
                              : std::nullopt;
  const auto fail_above_percent = parse_percent(options.fail_above_percent);
  emit(cost::render_diff(diff, report_format(options.format)), options, context.out());
  const auto failures = cost::diff_threshold_failures(diff, fail_above, fail_above_percent);
  for (const auto& failure : failures) {
    context.err() << "dharma: cost threshold exceeded: " << failure << '\n';
  }
  return failures.empty() ? 0 : util::to_int(util::ExitCode::found);
}

}  // namespace

cost::Estimate& estimate_blueprint(const blueprint::ResolvedBlueprint& blueprint,
                                   const cost::UsageFile* usage, cost::PriceBook& book,
                                   CommandContext& context) {
  const auto& facts = context.keep(cost::facts_from_blueprint(blueprint));
  const cost::PriceCatalog* catalog = book.catalog(facts.provider);
  auto& estimate = context.keep(cost::estimate_cost(facts, catalog, usage));
  if (catalog != nullptr) {
    cost::recommend(estimate, *catalog);
  }
  return estimate;
}

int cost_estimate(const CostOptions& options, CommandContext& context) {
  const std::string& file = options.file;
  const auto format = report_format(options.format);
  const auto usage = load_usage(options, context);
  const cost::UsageFile* usage_ptr = usage ? &*usage : nullptr;
  const ResolveOptions& resolve = options.resolve;
  CostPriceBook prices(options, context);

  if (!options.compare_env.empty()) {
    ResolveOptions base = resolve;
    base.environment = options.compare_env;
    const auto& before = estimate_file(context, file, base, usage_ptr, prices.book());
    const auto& after = estimate_file(context, file, resolve, usage_ptr, prices.book());
    check_usage_or_exit(usage_ptr, {&before, &after}, context);
    const std::string new_env = resolve.environment.empty() ? "default" : resolve.environment;
    return finish_diff(cost::diff_estimates(before, after, file + " --env " + options.compare_env,
                                            file + " --env " + new_env),
                       options, context);
  }

  auto& estimate = estimate_file(context, file, resolve, usage_ptr, prices.book());
  check_usage_or_exit(usage_ptr, {&estimate}, context);
  estimate.budget = resolve_budget(options, context);
  emit(cost::render_estimate(estimate, format, {options.recommend}), options, context.out());

  int code = 0;
  if (estimate.over_budget()) {
    context.err() << "dharma: budget exceeded: " << cost::format_money(estimate.monthly)
                  << "/month is above the " << cost::format_money(estimate.budget->monthly) << " budget ("
                  << estimate.budget->source << ")\n";
    code = util::to_int(util::ExitCode::found);
  }
  if (options.strict && estimate.not_priced > 0) {
    context.err()
        << "dharma: " << estimate.not_priced << (estimate.not_priced == 1 ? " line is" : " lines are")
        << " not priced (--strict): fix the sizes or types named in the notes, or add their prices to "
           "pricing/"
        << estimate.provider << ".yaml\n";
    code = util::to_int(util::ExitCode::found);
  }
  return code;
}

int cost_diff(const CostOptions& options, CommandContext& context) {
  const auto usage = load_usage(options, context);
  const cost::UsageFile* usage_ptr = usage ? &*usage : nullptr;
  CostPriceBook prices(options, context);
  const auto& before = estimate_file(context, options.old_file, options.resolve, usage_ptr, prices.book());
  const auto& after = estimate_file(context, options.new_file, options.resolve, usage_ptr, prices.book());
  check_usage_or_exit(usage_ptr, {&before, &after}, context);
  return finish_diff(cost::diff_estimates(before, after, options.old_file, options.new_file), options,
                     context);
}

}  // namespace dharma::api
