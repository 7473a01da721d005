#include "dharma/state/tenant_transfer.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "dharma/state/tenant_import_check.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/text.hpp"

namespace dharma::state {
namespace {

constexpr const char* k_format = "dharma-tenant-export";
constexpr int k_format_version = 1;

nlohmann::json rows_of(pqxx::work& tx, const std::string& table) {
  const std::string order = std::string(table) == "blueprint_versions" ? "t.blueprint_id, t.version" : "t.id";
  const auto text = tx.exec("SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY " + order +
                            "), '[]')::text FROM " + table + " t")[0][0]
                        .as<std::string>();
  return nlohmann::json::parse(text);
}

}  // namespace

std::string export_tenant(Store& store, const std::string& tenant_id) {
  nlohmann::json document;
  store.run_for_tenant(tenant_id, [&](pqxx::work& tx) {
    document = nlohmann::json{{"format", k_format}, {"format_version", k_format_version}};
    document["tenant"] = nlohmann::json::parse(
        tx.exec_params1("SELECT to_jsonb(t)::text FROM tenants t WHERE id = $1", tenant_id)[0]
            .as<std::string>());
    for (const char* table : k_transfer_tables) {
      document[table] = rows_of(tx, table);
    }
  });
  return document.dump(2) + "\n";
}

ImportOutcome import_tenant(Store& store, const std::string& text, const std::string& actor) {
  const auto document = nlohmann::json::parse(text, nullptr, false);
  if (!document.is_object() || document.value("format", "") != k_format ||
      document.value("format_version", 0) != k_format_version || !document.contains("tenant") ||
      !document["tenant"].is_object() || !document["tenant"].contains("id") ||
      !document["tenant"]["id"].is_string() || !document["tenant"].contains("slug") ||
      !document["tenant"]["slug"].is_string()) {
    throw util::Error("not a dharma tenant export (expected format \"" + std::string(k_format) +
                          "\" version " + std::to_string(k_format_version) + " with a tenant id and slug)",
                      util::ExitCode::invalid_input);
  }
  for (const char* table : k_transfer_tables) {
    if (document.contains(table) && !document[table].is_array()) {
      throw util::Error(std::string("malformed tenant export: \"") + table + "\" is not a list",
                        util::ExitCode::invalid_input);
    }
  }
  if (const auto problems = tenant_export_problems(document); !problems.empty()) {
    const std::size_t shown = std::min<std::size_t>(problems.size(), 10);
    std::string message = "refusing to import tenant " +
                          util::quoted(document["tenant"]["slug"].get<std::string>()) +
                          ": the document does not hold what an export writes; nothing was imported:";
    for (std::size_t i = 0; i < shown; ++i) {
      message += "\n  " + problems[i];
    }
    if (problems.size() > shown) {
      message += "\n  ... and " + std::to_string(problems.size() - shown) + " more";
    }
    throw util::Error(message, util::ExitCode::invalid_input);
  }
  ImportOutcome outcome;
  outcome.tenant_id = document["tenant"]["id"].get<std::string>();
  outcome.slug = document["tenant"]["slug"].get<std::string>();
  try {
    store.run_for_tenant(outcome.tenant_id, [&](pqxx::work& tx) {
      outcome.rows_inserted = 0;
      outcome.tenant_created =
          tx.exec_params(
                "INSERT INTO tenants SELECT * FROM jsonb_populate_record(NULL::tenants, $1::jsonb) "
                "ON CONFLICT (id) DO NOTHING",
                document["tenant"].dump())
              .affected_rows() == 1;
      for (const char* table : k_transfer_tables) {
        if (!document.contains(table)) {
          continue;
        }
        outcome.rows_inserted +=
            static_cast<long>(tx.exec_params(std::string("INSERT INTO ") + table +
                                                 " SELECT * FROM jsonb_populate_recordset(NULL::" + table +
                                                 ", $1::jsonb) ON CONFLICT (id) DO NOTHING",
                                             document[table].dump())
                                  .affected_rows());
      }
      tx.exec_params(
          "INSERT INTO audit_log (tenant_id, actor, action, target_type, target_id, detail) "
          "VALUES ($1, $2, 'tenant.import', 'tenant', $3, jsonb_build_object('rows_inserted', $4::bigint, "
          "'tenant_created', $5::boolean))",
          outcome.tenant_id, actor, outcome.slug, outcome.rows_inserted, outcome.tenant_created);
    });
  } catch (const pqxx::unique_violation& error) {
    throw util::Error("cannot import tenant '" + outcome.slug +
                          "': " + std::string(error.what()).substr(0, 200) +
                          " (is the slug taken by another tenant?)",
                      util::ExitCode::refused);
  } catch (const pqxx::sql_error& error) {
    const std::string state = error.sqlstate();
    const std::string message = error.what();
    const bool refused = state == "42501" || message.find("row-level security") != std::string::npos;
    if (refused || state.starts_with("22") || state.starts_with("23")) {
      throw util::Error(
          "cannot import tenant '" + outcome.slug + "': " + message.substr(0, message.find('\n')),
          refused ? util::ExitCode::refused : util::ExitCode::invalid_input);
    }
    throw;
  }
  return outcome;
}

}  // namespace dharma::state
