#include "dharma/state/store_statements.hpp"

#include <charconv>

#include "dharma/util/clock.hpp"
#include "dharma/util/error.hpp"

namespace dharma::state {
namespace {

// A row of a shape this binary does not expect means the schema and the
// binary disagree (a migration missing): exit 3, like a missing function.
[[noreturn]] void bad_shape(const std::string& what) {
  throw util::Error("the state store returned an unexpected " + what + "; run `dharma db migrate`",
                    util::ExitCode::unavailable);
}

const StatementRow& only_row(const StatementRows& rows, std::size_t columns, const char* what) {
  if (rows.size() != 1 || rows[0].size() != columns) {
    bad_shape(what);
  }
  return rows[0];
}

const std::string& text(const StatementValue& value, const char* what) {
  if (!value) {
    bad_shape(what);
  }
  return *value;
}

template <typename Number>
Number number(const StatementValue& value, const char* what) {
  const std::string& digits = text(value, what);
  Number result{};
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), result);
  if (error != std::errc() || end != digits.data() + digits.size()) {
    bad_shape(what);
  }
  return result;
}

double real(const StatementValue& value, const char* what) {
  const std::string& digits = text(value, what);
  try {
    std::size_t used = 0;
    const double result = std::stod(digits, &used);
    if (used == digits.size()) {
      return result;
    }
  } catch (const std::exception&) {
  }
  bad_shape(what);
}

bool boolean(const StatementValue& value, const char* what) {
  const std::string& flag = text(value, what);
  if (flag == "t" || flag == "true") {
    return true;
  }
  if (flag == "f" || flag == "false") {
    return false;
  }
  bad_shape(what);
}

}  // namespace

StoreStatement blueprint_version_statement(const std::string& tenant_id, const std::string& project,
                                           const std::string& name, std::optional<int> version,
                                           PullContent content) {
  return {"SELECT * FROM dharma_blueprint_version($1, $2, $3, $4, $5)",
          {tenant_id, project, name, version ? StatementValue(std::to_string(*version)) : std::nullopt,
           content == PullContent::with_resolved ? "true" : "false"},
          false};
}

std::optional<BlueprintVersion> decode_blueprint_version(const StatementRows& rows,
                                                         const std::string& project, const std::string& name,
                                                         PullContent content) {
  if (rows.empty()) {
    return std::nullopt;
  }
  const char* what = "blueprint version";
  const auto& row = only_row(rows, 6, what);
  return BlueprintVersion{project,
                          name,
                          number<int>(row[0], what),
                          text(row[1], what),
                          text(row[2], what),
                          content == PullContent::with_resolved ? text(row[3], what) : std::string(),
                          text(row[4], what),
                          text(row[5], what)};
}

StoreStatement blueprint_list_statement(const std::string& tenant_id, const std::string& project) {
  return {"SELECT * FROM dharma_blueprint_list($1, $2)", {tenant_id, project}, false};
}

std::vector<BlueprintSummary> decode_blueprint_list(const StatementRows& rows) {
  const char* what = "blueprint list";
  std::vector<BlueprintSummary> summaries;
  summaries.reserve(rows.size());
  for (const auto& row : rows) {
    if (row.size() != 4) {
      bad_shape(what);
    }
    summaries.push_back(
        {text(row[0], what), text(row[1], what), number<int>(row[2], what), text(row[3], what)});
  }
  return summaries;
}

StoreStatement blueprint_push_statement(const std::string& tenant_id, const BlueprintPush& request) {
  return {"SELECT * FROM dharma_blueprint_push($1, $2, $3, $4, $5, $6)",
          {tenant_id, request.project, request.name, request.source, request.resolved_json, request.author},
          true};
}

PushOutcome decode_blueprint_push(const StatementRows& rows) {
  const char* what = "push outcome";
  const auto& row = only_row(rows, 3, what);
  return PushOutcome{number<int>(row[0], what), text(row[1], what), boolean(row[2], what)};
}

StoreStatement tenant_statement(const std::string& tenant_id) {
  return {"SELECT * FROM dharma_tenant($1)", {tenant_id}, false};
}

std::optional<Tenant> decode_tenant(const StatementRows& rows) {
  if (rows.empty()) {
    return std::nullopt;
  }
  const char* what = "tenant row";
  const auto& row = only_row(rows, 7 + k_quota_fields.size(), what);
  Tenant tenant{text(row[0], what), text(row[1], what), text(row[2], what), text(row[3], what),
                text(row[4], what), text(row[5], what), text(row[6], what), {}};
  for (std::size_t i = 0; i < k_quota_fields.size(); ++i) {
    tenant.quotas[i] = number<long>(row[7 + i], what);
  }
  return tenant;
}

StoreStatement tenant_usage_statement(const std::string& tenant_id) {
  return {"SELECT * FROM dharma_tenant_usage($1)", {tenant_id}, false};
}

std::optional<TenantUsageCounts> decode_tenant_usage(const StatementRows& rows) {
  if (rows.empty()) {
    return std::nullopt;
  }
  const char* what = "tenant usage";
  const auto& row = only_row(rows, 2 * k_quota_fields.size(), what);
  TenantUsageCounts usage;
  for (std::size_t i = 0; i < k_quota_fields.size(); ++i) {
    usage.used.push_back(real(row[i], what));
    usage.limits.push_back(number<long>(row[k_quota_fields.size() + i], what));
  }
  return usage;
}

StoreStatement api_calls_statement(const std::string& tenant_id, const std::string& day, bool increment) {
  return {"SELECT dharma_api_calls($1, $2, $3)", {tenant_id, day, increment ? "true" : "false"}, increment};
}

std::int64_t decode_api_calls(const StatementRows& rows) {
  const char* what = "API call count";
  return number<std::int64_t>(only_row(rows, 1, what)[0], what);
}

std::optional<StoreOperation> store_operation_named(const std::string& name) {
  if (name == "pull") {
    return StoreOperation::pull;
  }
  if (name == "list") {
    return StoreOperation::list;
  }
  if (name == "usage") {
    return StoreOperation::usage;
  }
  if (name == "api-calls") {
    return StoreOperation::api_calls;
  }
  if (name == "push") {
    return StoreOperation::push;
  }
  return std::nullopt;
}

StoreStatement statement_for(StoreOperation operation, const StoreTarget& target) {
  switch (operation) {
    case StoreOperation::pull:
      return blueprint_version_statement(target.tenant_id, target.project, target.name, target.version,
                                         PullContent::source);
    case StoreOperation::list:
      return blueprint_list_statement(target.tenant_id, target.project);
    case StoreOperation::usage:
      return tenant_usage_statement(target.tenant_id);
    case StoreOperation::api_calls:
      return api_calls_statement(target.tenant_id, util::today_utc(), true);
    case StoreOperation::push:
      return blueprint_push_statement(target.tenant_id, {target.project, target.name, "0", "{}", "bench"});
  }
  throw util::Error("unknown store operation");
}

PgbenchScript pgbench_script(const StoreStatement& statement, std::optional<std::size_t> random_param) {
  PgbenchScript result;
  std::string sql;
  sql.reserve(statement.sql.size() + 8);
  for (std::size_t i = 0; i < statement.sql.size(); ++i) {
    const char c = statement.sql[i];
    if (c == '$' && i + 1 < statement.sql.size() && statement.sql[i + 1] >= '1' &&
        statement.sql[i + 1] <= '9') {
      std::size_t end = i + 1;
      while (end < statement.sql.size() && statement.sql[end] >= '0' && statement.sql[end] <= '9') {
        ++end;
      }
      const auto index = std::stoul(statement.sql.substr(i + 1, end - i - 1)) - 1;
      sql +=
          random_param && index == *random_param ? std::string(":random") : ":p" + std::to_string(index + 1);
      i = end - 1;
      continue;
    }
    sql += c;
  }
  result.script = (random_param ? "\\set random random(1, 2000000000)\n" : "") + sql + ";\n";
  for (std::size_t i = 0; i < statement.params.size(); ++i) {
    if (random_param && i == *random_param) {
      continue;
    }
    if (!statement.params[i]) {
      throw util::Error("pgbench cannot pass a NULL parameter ($" + std::to_string(i + 1) + ")");
    }
    result.defines.push_back("p" + std::to_string(i + 1) + "=" + *statement.params[i]);
  }
  return result;
}

}  // namespace dharma::state
