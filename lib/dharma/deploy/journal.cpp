#include "dharma/deploy/journal.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>

#include "dharma/state/schema_history.hpp"
#include "dharma/util/error.hpp"

namespace dharma::deploy {
namespace {

const char* k_columns =
    "d.id, d.number, d.environment_id, d.blueprint_version_id, d.version, d.color, "
    "coalesce(d.previous_color, ''), "
    "d.status, coalesce(d.current_step, ''), d.switched, coalesce(d.rollback_reason, ''), "
    "coalesce(d.force_reason, ''), coalesce(d.rollback_of::text, ''), d.started_by, "
    "to_char(d.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
    "coalesce(to_char(d.finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), ''), "
    "d.config::text";

const char* k_time = "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'";

std::string hostname() {
  char buffer[256] = {};
  if (::gethostname(buffer, sizeof buffer - 1) != 0) {
    return "unknown-host";
  }
  return buffer;
}

bool process_alive(int pid) {
  return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM);
}

long long milliseconds(Duration duration) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(duration).count();
}

DeploymentRecord record_from(const pqxx::row& row) {
  DeploymentRecord record;
  record.id = row[0].as<std::string>();
  record.number = row[1].is_null() ? 0 : row[1].as<int>();
  record.environment_id = row[2].as<std::string>();
  record.blueprint_version_id = row[3].as<std::string>();
  record.version = row[4].as<std::string>();
  record.colour = row[5].as<std::string>();
  if (const auto previous = row[6].as<std::string>(); !previous.empty()) {
    record.previous_colour = previous;
  }
  record.status = row[7].as<std::string>();
  record.current_step = row[8].as<std::string>();
  record.switched = row[9].as<bool>();
  record.reason = row[10].as<std::string>();
  record.force_reason = row[11].as<std::string>();
  if (const auto of = row[12].as<std::string>(); !of.empty()) {
    record.rollback_of = std::stoi(of);
  }
  record.started_by = row[13].as<std::string>();
  record.started_at = row[14].as<std::string>();
  record.finished_at = row[15].as<std::string>();
  record.config = config_from_json(nlohmann::json::parse(row[16].as<std::string>()));
  return record;
}

void load_steps(pqxx::work& tx, DeploymentRecord& record) {
  const auto rows =
      tx.exec_params(std::string("SELECT position, name, status, detail::text, "
                                 "coalesce(to_char(started_at AT TIME ZONE 'UTC', ") +
                         k_time + "), ''), coalesce(to_char(finished_at AT TIME ZONE 'UTC', " + k_time +
                         "), '') FROM deployment_steps WHERE deployment_id = $1 ORDER BY position",
                     record.id);
  for (const auto& row : rows) {
    record.steps.push_back({row[0].as<int>(), row[1].as<std::string>(), row[2].as<std::string>(),
                            nlohmann::json::parse(row[3].as<std::string>()), row[4].as<std::string>(),
                            row[5].as<std::string>()});
  }
}

}  // namespace

int step_position(const std::string& step) {
  const auto it = std::find(k_steps.begin(), k_steps.end(), step);
  return static_cast<int>(it - k_steps.begin()) + 1;
}

std::string this_process() {
  return state::current_actor() + "@" + hostname() + " pid " + std::to_string(::getpid());
}

const StepRecord* DeploymentRecord::step(const std::string& name) const {
  for (const auto& record : steps) {
    if (record.name == name) {
      return &record;
    }
  }
  return nullptr;
}

bool DeploymentRecord::unfinished() const {
  if (status == "failed" || status == "rolled_back") {
    return false;
  }
  if (status == "succeeded") {
    const StepRecord* scale_down = step("scale_down");
    return scale_down != nullptr && scale_down->status != "succeeded" && scale_down->status != "skipped";
  }
  return true;
}

std::optional<StoredBlueprint> Journal::find_blueprint(const std::string& name, const std::string& hash,
                                                       const std::string& project) {
  std::vector<StoredBlueprint> found;
  m_store.run_for_tenant(m_tenant, [&](pqxx::work& tx) {
    const auto rows = tx.exec_params(
        "SELECT DISTINCT ON (p.id) v.id, p.id, p.name, v.version FROM blueprint_versions v "
        "JOIN blueprints b ON b.id = v.blueprint_id JOIN projects p ON p.id = b.project_id "
        "WHERE b.name = $1 AND v.content_hash = $2 AND ($3 = '' OR p.name = $3) AND p.deleted_at IS NULL "
        "ORDER BY p.id, v.version DESC",
        name, hash, project);
    for (const auto& row : rows) {
      found.push_back(
          {row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(), row[3].as<int>()});
    }
  });
  if (found.size() > 1) {
    std::string projects;
    for (const auto& item : found) {
      projects += (projects.empty() ? "" : ", ") + item.project;
    }
    throw util::Error("blueprint " + name + " with this content is stored in several projects (" + projects +
                      "): name one with --project");
  }
  return found.empty() ? std::nullopt : std::optional<StoredBlueprint>(found.front());
}

std::string Journal::ensure_environment(const std::string& project_id, const std::string& name,
                                        bool requires_approval) {
  std::string id;
  m_store.run_for_tenant(m_tenant, [&](pqxx::work& tx) {
    id = tx.exec_params1(
               "INSERT INTO environments (tenant_id, project_id, name, requires_approval) "
               "VALUES (dharma_current_tenant(), $1, $2, $3) ON CONFLICT (project_id, name) "
               "DO UPDATE SET requires_approval = EXCLUDED.requires_approval RETURNING id",
               project_id, name, requires_approval)[0]
             .as<std::string>();
  });
  return id;
}

std::optional<std::string> Journal::find_environment(const std::string& name, const std::string& project) {
  std::vector<std::pair<std::string, std::string>> found;
  m_store.run_for_tenant(m_tenant, [&](pqxx::work& tx) {
    const auto rows = tx.exec_params(
        "SELECT e.id, p.name FROM environments e JOIN projects p ON p.id = e.project_id "
        "WHERE e.name = $1 AND ($2 = '' OR p.name = $2) AND p.deleted_at IS NULL ORDER BY p.name",
        name, project);
    for (const auto& row : rows) {
      found.emplace_back(row[0].as<std::string>(), row[1].as<std::string>());
    }
  });
  if (found.size() > 1) {
    std::string projects;
    for (const auto& [id, project_name] : found) {
      projects += (projects.empty() ? "" : ", ") + project_name;
    }
    throw util::Error("environment " + name + " exists in several projects (" + projects +
                      "): name one with --project");
  }
  return found.empty() ? std::nullopt : std::optional<std::string>(found.front().first);
}

std::vector<EnvironmentRef> Journal::environments(const std::string& project) {
  std::vector<EnvironmentRef> found;
  m_store.run_for_tenant(m_tenant, [&](pqxx::work& tx) {
    found.clear();
    const auto rows = tx.exec_params(
        "SELECT e.id, e.name, p.name FROM environments e JOIN projects p ON p.id = e.project_id "
        "WHERE ($1 = '' OR p.name = $1) AND p.deleted_at IS NULL ORDER BY p.name, e.name",
        project);
    for (const auto& row : rows) {
      found.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>()});
    }
  });
  return found;
}

std::vector<long long> Journal::applied_migrations(long long& baseline) {
  std::vector<long long> versions;
  baseline = 0;
  m_store.run_without_tenant([&](pqxx::work& tx) {
    versions.clear();
    // Before V014 the function does not exist: then every migration from V014 on is pending.
    if (tx.exec1("SELECT to_regprocedure('dharma_applied_migrations()') IS NULL")[0].as<bool>()) {
      for (long long version = 1; version < 14; ++version) {
        versions.push_back(version);
      }
      return;
    }
    for (const auto& row : tx.exec("SELECT version, type FROM dharma_applied_migrations()")) {
      if (row[1].as<std::string>() == "BASELINE") {
        baseline = std::max(baseline, row[0].as<long long>());
      } else {
        versions.push_back(row[0].as<long long>());
      }
    }
  });
  return versions;
}

std::optional<LeaseHolder> Journal::take_lease(const std::string& environment_id, Duration ttl) {
  const std::string host = hostname();
  const int pid = static_cast<int>(::getpid());
  std::optional<LeaseHolder> holder;
  m_store.run_for_tenant(m_tenant, [&](pqxx::work& tx) {
    holder.reset();
    const auto rows =
        tx.exec_params(std::string("SELECT holder, holder_host, holder_pid, expires_at < now(), "
                                   "to_char(acquired_at AT TIME ZONE 'UTC', ") +
                           k_time + "), to_char(expires_at AT TIME ZONE 'UTC', " + k_time +
                           ") FROM deploy_leases WHERE environment_id = $1 FOR UPDATE",
                       environment_id);
    if (!rows.empty()) {
      const auto& row = rows[0];
      const bool expired = row[3].as<bool>();
      const bool same_host = row[1].as<std::string>() == host;
      const int holder_pid = row[2].as<int>();
      const bool ours = same_host && holder_pid == pid;
      const bool holder_gone = same_host && !process_alive(holder_pid);
      if (!expired && !ours && !holder_gone) {
        holder = LeaseHolder{row[0].as<std::string>(), row[4].as<std::string>(), row[5].as<std::string>()};
        return;
      }
    }
    const auto taken =
        rows.empty()
            ? tx.exec_params(
                  "INSERT INTO deploy_leases (environment_id, tenant_id, holder, holder_host, holder_pid, "
                  "expires_at) VALUES ($1, dharma_current_tenant(), $2, $3, $4, "
                  "now() + $5 * interval '1 millisecond') ON CONFLICT (environment_id) DO NOTHING RETURNING "
                  "1",
                  environment_id, this_process(), host, pid, milliseconds(ttl))
            : tx.exec_params(
                  "UPDATE deploy_leases SET holder = $2, holder_host = $3, holder_pid = $4, "
                  "deployment_id = NULL, acquired_at = now(), "
                  "expires_at = now() + $5 * interval '1 millisecond' WHERE environment_id = $1 RETURNING 1",
                  environment_id, this_process(), host, pid, milliseconds(ttl));
    if (taken.empty()) {
      // Another process inserted the row between our read and our insert.
      holder = LeaseHolder{"another deploy", "just now", ""};
    }
  });
  return holder;
}

void Journal::renew_lease(const std::string& environment_id, Duration ttl, const std::string& deployment_id) {
  m_store.run_for_tenant(m_tenant, [&](pqxx::work& tx) {
    const auto result = tx.exec_params(
        "UPDATE deploy_leases SET expires_at = now() + $2 * interval '1 millisecond', "
        "deployment_id = NULLIF($3, '')::uuid WHERE environment_id = $1 AND holder = $4",
        environment_id, milliseconds(ttl), deployment_id, this_process());
    if (result.affected_rows() == 0) {
      throw util::Error(
          "lost the deploy lease of this environment (it expired and another deploy took it); "
          "stopping here: see `dharma deploy status`",
          util::ExitCode::refused);
    }
  });
}

void Journal::release_lease(const std::string& environment_id) {
  m_store.run_for_tenant(m_tenant, [&](pqxx::work& tx) {
    tx.exec_params("DELETE FROM deploy_leases WHERE environment_id = $1 AND holder = $2", environment_id,
                   this_process());
  });
}

std::optional<LeaseHolder> Journal::lease(const std::string& environment_id) {
  std::optional<LeaseHolder> holder;
  m_store.run_for_tenant(m_tenant, [&](pqxx::work& tx) {
    const auto rows =
        tx.exec_params(std::string("SELECT holder, to_char(acquired_at AT TIME ZONE 'UTC', ") + k_time +
                           "), to_char(expires_at AT TIME ZONE 'UTC', " + k_time +
                           ") FROM deploy_leases WHERE environment_id = $1 AND expires_at > now()",
                       environment_id);
    if (!rows.empty()) {
      holder = LeaseHolder{rows[0][0].as<std::string>(), rows[0][1].as<std::string>(),
                           rows[0][2].as<std::string>()};
    }
  });
  return holder;
}

DeploymentRecord Journal::create(const std::string& environment_id, const NewDeployment& deployment) {
  std::string id;
  m_store.run_for_tenant(m_tenant, [&](pqxx::work& tx) {
    id =
        tx.exec_params1(
              "INSERT INTO deployments (tenant_id, environment_id, blueprint_version_id, color, status, "
              "started_by, "
              "number, version, previous_color, driver, config, force_reason, rollback_of, current_step) "
              "VALUES (dharma_current_tenant(), $1, $2, $3, 'pending', $4, "
              "(SELECT coalesce(max(number), 0) + 1 FROM deployments WHERE environment_id = $1), $5, "
              "NULLIF($6, ''), $7, $8::jsonb, NULLIF($9, ''), NULLIF($10, '')::integer, 'plan') RETURNING id",
              environment_id, deployment.blueprint_version_id, deployment.colour, deployment.started_by,
              deployment.version, deployment.previous_colour.value_or(""), deployment.config.driver,
              to_json(deployment.config).dump(), deployment.force_reason,
              deployment.rollback_of ? std::to_string(*deployment.rollback_of) : std::string())[0]
            .as<std::string>();
    for (std::size_t i = 0; i < k_steps.size(); ++i) {
      tx.exec_params(
          "INSERT INTO deployment_steps (tenant_id, deployment_id, position, name) "
          "VALUES (dharma_current_tenant(), $1, $2, $3)",
          id, static_cast<int>(i + 1), k_steps[i]);
    }
  });
  return *one("d.id = $2::uuid", environment_id, id);
}

std::optional<DeploymentRecord> Journal::one(const std::string& where, const std::string& environment_id,
                                             const std::string& extra) {
  auto records = many(where + " ORDER BY d.number DESC LIMIT 1", environment_id, extra);
  return records.empty() ? std::nullopt : std::optional<DeploymentRecord>(std::move(records.front()));
}

std::vector<DeploymentRecord> Journal::many(const std::string& where, const std::string& environment_id,
                                            const std::string& extra) {
  std::vector<DeploymentRecord> records;
  m_store.run_for_tenant(m_tenant, [&](pqxx::work& tx) {
    records.clear();
    const std::string sql = std::string("SELECT ") + k_columns +
                            " FROM deployments d WHERE d.environment_id = $1 AND ($2 = '' OR $2 = $2) AND " +
                            where;
    for (const auto& row : tx.exec_params(sql, environment_id, extra)) {
      records.push_back(record_from(row));
    }
    for (auto& record : records) {
      load_steps(tx, record);
    }
  });
  return records;
}

std::optional<DeploymentRecord> Journal::latest_unfinished(const std::string& environment_id) {
  for (auto& record : many("true ORDER BY d.number DESC LIMIT 5", environment_id, "")) {
    if (record.unfinished()) {
      return std::move(record);
    }
  }
  return std::nullopt;
}

std::optional<DeploymentRecord> Journal::last_succeeded(const std::string& environment_id) {
  return one("d.status = 'succeeded'", environment_id);
}

std::optional<DeploymentRecord> Journal::by_number(const std::string& environment_id, int number) {
  return one("d.number = $2::integer", environment_id, std::to_string(number));
}

std::vector<DeploymentRecord> Journal::history(const std::string& environment_id, int limit) {
  return many("true ORDER BY d.number DESC LIMIT " + std::to_string(limit), environment_id, "");
}

void Journal::step_started(const DeploymentRecord& deployment, const std::string& step,
                           const std::string& status) {
  m_store.run_for_tenant(m_tenant, [&](pqxx::work& tx) {
    tx.exec_params(
        "UPDATE deployment_steps SET status = 'running', started_at = now(), finished_at = NULL "
        "WHERE deployment_id = $1 AND position = $2",
        deployment.id, step_position(step));
    tx.exec_params("UPDATE deployments SET current_step = $2, status = $3 WHERE id = $1", deployment.id, step,
                   status);
  });
}

void Journal::step_finished(const DeploymentRecord& deployment, const std::string& step,
                            const std::string& outcome, const nlohmann::json& detail) {
  m_store.run_for_tenant(m_tenant, [&](pqxx::work& tx) {
    tx.exec_params(
        "UPDATE deployment_steps SET status = $3, detail = $4::jsonb, "
        "started_at = coalesce(started_at, now()), finished_at = now() "
        "WHERE deployment_id = $1 AND position = $2",
        deployment.id, step_position(step), outcome, detail.dump());
  });
}

void Journal::mark_switched(const DeploymentRecord& deployment, bool switched) {
  m_store.run_for_tenant(m_tenant, [&](pqxx::work& tx) {
    tx.exec_params("UPDATE deployments SET switched = $2 WHERE id = $1", deployment.id, switched);
  });
}

void Journal::set_status(const DeploymentRecord& deployment, const std::string& status) {
  m_store.run_for_tenant(m_tenant, [&](pqxx::work& tx) {
    tx.exec_params("UPDATE deployments SET status = $2 WHERE id = $1", deployment.id, status);
  });
}

void Journal::finish(const DeploymentRecord& deployment, const std::string& status,
                     const std::string& reason) {
  m_store.run_for_tenant(m_tenant, [&](pqxx::work& tx) {
    tx.exec_params(
        "UPDATE deployments SET status = $2, rollback_reason = NULLIF($3, ''), "
        "finished_at = coalesce(finished_at, now()) WHERE id = $1",
        deployment.id, status, reason);
  });
}

void Journal::set_reason(const DeploymentRecord& deployment, const std::string& reason) {
  m_store.run_for_tenant(m_tenant, [&](pqxx::work& tx) {
    tx.exec_params("UPDATE deployments SET rollback_reason = $2 WHERE id = $1", deployment.id, reason);
  });
}

void Journal::log(const DeploymentRecord& deployment, const std::string& level, const std::string& message) {
  m_store.run_for_tenant(m_tenant, [&](pqxx::work& tx) {
    tx.exec_params(
        "INSERT INTO deployment_logs (tenant_id, deployment_id, level, message) "
        "VALUES (dharma_current_tenant(), $1, $2, $3)",
        deployment.id, level, message);
  });
}

void Journal::request_approval(const DeploymentRecord& deployment, const std::string& requested_by) {
  m_store.run_for_tenant(m_tenant, [&](pqxx::work& tx) {
    tx.exec_params(
        "INSERT INTO approvals (tenant_id, deployment_id, requested_by) "
        "SELECT dharma_current_tenant(), $1, $2 WHERE NOT EXISTS "
        "(SELECT 1 FROM approvals WHERE deployment_id = $1)",
        deployment.id, requested_by);
  });
}

void Journal::approve(const DeploymentRecord& deployment, const std::string& approved_by) {
  m_store.run_for_tenant(m_tenant, [&](pqxx::work& tx) {
    const auto updated = tx.exec_params(
        "UPDATE approvals SET decision = 'approved', decided_by = $2, decided_at = now(), reason = "
        "'--approve' "
        "WHERE deployment_id = $1 AND decision = 'pending'",
        deployment.id, approved_by);
    if (updated.affected_rows() == 0) {
      tx.exec_params(
          "INSERT INTO approvals (tenant_id, deployment_id, requested_by, decision, decided_by, decided_at, "
          "reason) SELECT dharma_current_tenant(), $1, $2, 'approved', $2, now(), '--approve' "
          "WHERE NOT EXISTS (SELECT 1 FROM approvals WHERE deployment_id = $1 AND decision = 'approved')",
          deployment.id, approved_by);
    }
  });
}

bool Journal::approved(const DeploymentRecord& deployment) {
  bool result = false;
  m_store.run_for_tenant(m_tenant, [&](pqxx::work& tx) {
    result = !tx.exec_params("SELECT 1 FROM approvals WHERE deployment_id = $1 AND decision = 'approved'",
                             deployment.id)
                  .empty();
  });
  return result;
}

}  // namespace dharma::deploy
