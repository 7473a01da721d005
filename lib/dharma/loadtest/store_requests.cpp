#include "dharma/loadtest/store_requests.hpp"

#include "dharma/cache/cache.hpp"
#include "dharma/cost/price_catalog_codec.hpp"
#include "dharma/loadtest/fixtures.hpp"
#include "dharma/state/api_call_counter.hpp"
#include "dharma/state/blueprint_cache.hpp"
#include "dharma/state/store_statements.hpp"
#include "dharma/state/tenant_cache.hpp"
#include "dharma/state/tenant_store.hpp"
#include "dharma/util/clock.hpp"

namespace dharma::loadtest {
namespace {

// The rows of `result` as the statement decoders read them.
state::StatementRows rows_of(const PgResult& result) {
  state::StatementRows rows;
  rows.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) {
    state::StatementRow values;
    values.reserve(static_cast<std::size_t>(result.columns()));
    for (int column = 0; column < result.columns(); ++column) {
      if (result.is_null(row, column)) {
        values.emplace_back(std::nullopt);
      } else {
        values.emplace_back(result.value(row, column));
      }
    }
    rows.push_back(std::move(values));
  }
  return rows;
}

std::string seconds_text(std::chrono::seconds ttl) {
  return std::to_string(ttl.count());
}

Outcome failed(const std::string& error) {
  return Outcome{false, CacheUse::none, error};
}

}  // namespace

StoreRequests::StoreRequests(EventLoop& loop, StoreTarget target)
    : m_loop(loop), m_target(std::move(target)) {}

StoreRequests::~StoreRequests() = default;

void StoreRequests::connect_redis(std::function<void(const std::string&)> done) {
  const int count = std::max(1, m_target.redis_connections);
  auto remaining = std::make_shared<int>(count);
  auto first_error = std::make_shared<std::string>();
  for (int i = 0; i < count; ++i) {
    m_redis.push_back(std::make_unique<RedisConnection>(m_loop, m_target.redis_url));
    m_redis.back()->connect([remaining, first_error, done](const std::string& error) {
      if (!error.empty() && first_error->empty()) {
        *first_error = error;
      }
      if (--*remaining == 0) {
        done(*first_error);
      }
    });
  }
}

void StoreRequests::shutdown() {
  m_redis.clear();
}

void StoreRequests::prepare_vu(VirtualUser& vu, std::function<void(const std::string&)> done) {
  if (!m_redis.empty()) {
    vu.redis = m_redis[static_cast<std::size_t>(vu.index) % m_redis.size()].get();
  }
  if (!vu.pg) {
    vu.pg = std::make_unique<PgConnection>(m_loop, m_target.database_url);
  }
  vu.pg->connect(m_target.connect_timeout, std::move(done));
}

bool StoreRequests::needs_prepare(const VirtualUser& vu) const {
  return !vu.pg || !vu.pg->connected();
}

void StoreRequests::abandon(VirtualUser& vu) {
  if (vu.pg) {
    vu.pg->close("abandoned after the timeout");
  }
}

void StoreRequests::send(VirtualUser& vu, const RequestSpec& request, RequestDone done) {
  switch (request.kind) {
    case RequestKind::pull:
      return pull(vu, std::move(done));
    case RequestKind::pull_uncached:
      return pull_uncached(vu, std::move(done));
    case RequestKind::list:
      return list(vu, std::move(done));
    case RequestKind::list_uncached:
      return list_uncached(vu, std::move(done));
    case RequestKind::quota:
      return quota(vu, std::move(done));
    case RequestKind::api_calls:
      return api_calls(vu, std::move(done));
    case RequestKind::api_calls_uncached:
      return api_calls_uncached(vu, std::move(done));
    case RequestKind::push:
      return push(vu, std::move(done));
    case RequestKind::price:
      return price(vu, std::move(done));
    case RequestKind::http:
      break;
  }
  done(failed("an http request needs an http target"));
}

void StoreRequests::pull(VirtualUser& vu, RequestDone done) {
  const TenantFixture& tenant = *vu.tenant;
  const std::string reference = state::blueprint_reference_key(tenant.cache_tenant, k_fixture_project,
                                                               k_fixture_blueprint, tenant.version);
  const std::uint64_t iteration = vu.iteration;
  vu.redis->command(
      {"GET", reference}, [this, &vu, iteration, done = std::move(done)](const RedisReply& reply) mutable {
        if (vu.iteration != iteration) {
          return;  // given up on: nothing more is sent for it
        }
        const TenantFixture& fixture = *vu.tenant;
        std::optional<state::BlueprintVersion> metadata;
        if (reply.ok && reply.text) {
          metadata = state::blueprint_metadata_from_cache(*reply.text, k_fixture_project, k_fixture_blueprint,
                                                          fixture.version);
        }
        if (!metadata) {
          pull_from_store(vu, CacheUse::miss, std::move(done));
          return;
        }
        vu.redis->command({"GET", state::blueprint_source_key(fixture.cache_tenant, metadata->content_hash)},
                          [this, &vu, iteration, done = std::move(done)](const RedisReply& source) mutable {
                            if (vu.iteration != iteration) {
                              return;
                            }
                            if (source.ok && source.text) {
                              done(Outcome{true, CacheUse::hit, {}});
                            } else {
                              pull_from_store(vu, CacheUse::miss, std::move(done));
                            }
                          });
      });
}

void StoreRequests::pull_from_store(VirtualUser& vu, CacheUse cache, RequestDone done) {
  const TenantFixture& tenant = *vu.tenant;
  const auto statement = state::blueprint_version_statement(tenant.id, k_fixture_project, k_fixture_blueprint,
                                                            tenant.version, state::PullContent::source);
  vu.pg->query(statement.sql, statement.params,
               [this, &vu, cache, done = std::move(done)](const PgResult& result) mutable {
                 if (!result.ok()) {
                   done(failed(result.error()));
                   return;
                 }
                 const auto found = state::decode_blueprint_version(
                     rows_of(result), k_fixture_project, k_fixture_blueprint, state::PullContent::source);
                 if (!found) {
                   done(failed("the prepared blueprint is missing; run `dharma loadtest prepare`"));
                   return;
                 }
                 if (cache == CacheUse::none) {
                   done(Outcome{true, CacheUse::none, {}});
                   return;
                 }
                 // What BlueprintStore::pull stores after a miss, the last reply ending the request.
                 const std::string& tenant_key = vu.tenant->cache_tenant;
                 const std::string ttl = seconds_text(state::k_blueprint_version_ttl);
                 vu.redis->command({"SET", state::blueprint_source_key(tenant_key, found->content_hash),
                                    found->source, "EX", ttl},
                                   [](const RedisReply&) {});
                 vu.redis->command({"SET",
                                    state::blueprint_reference_key(tenant_key, k_fixture_project,
                                                                   k_fixture_blueprint, found->version),
                                    state::blueprint_metadata_to_cache(*found), "EX", ttl},
                                   [done = std::move(done)](const RedisReply&) {
                                     done(Outcome{true, CacheUse::miss, {}});
                                   });
               });
}

void StoreRequests::pull_uncached(VirtualUser& vu, RequestDone done) {
  pull_from_store(vu, CacheUse::none, std::move(done));
}

void StoreRequests::list(VirtualUser& vu, RequestDone done) {
  const std::string key = state::blueprint_list_key(vu.tenant->cache_tenant, k_fixture_project);
  const std::uint64_t iteration = vu.iteration;
  vu.redis->command(
      {"GET", key}, [&vu, iteration, key, done = std::move(done)](const RedisReply& reply) mutable {
        if (vu.iteration != iteration) {
          return;
        }
        if (reply.ok && reply.text && state::blueprint_list_from_cache(*reply.text)) {
          done(Outcome{true, CacheUse::hit, {}});
          return;
        }
        const auto statement = state::blueprint_list_statement(vu.tenant->id, k_fixture_project);
        vu.pg->query(statement.sql, statement.params,
                     [&vu, key, done = std::move(done)](const PgResult& result) mutable {
                       if (!result.ok()) {
                         done(failed(result.error()));
                         return;
                       }
                       const auto summaries = state::decode_blueprint_list(rows_of(result));
                       vu.redis->command({"SET", key, state::blueprint_list_to_cache(summaries), "EX",
                                          seconds_text(state::k_blueprint_list_ttl)},
                                         [done = std::move(done)](const RedisReply&) {
                                           done(Outcome{true, CacheUse::miss, {}});
                                         });
                     });
      });
}

void StoreRequests::list_uncached(VirtualUser& vu, RequestDone done) {
  const auto statement = state::blueprint_list_statement(vu.tenant->id, k_fixture_project);
  vu.pg->query(statement.sql, statement.params, [done = std::move(done)](const PgResult& result) {
    if (!result.ok()) {
      done(failed(result.error()));
      return;
    }
    if (state::decode_blueprint_list(rows_of(result)).empty()) {
      done(failed("the prepared blueprints are missing; run `dharma loadtest prepare`"));
      return;
    }
    done(Outcome{true, CacheUse::none, {}});
  });
}

void StoreRequests::quota(VirtualUser& vu, RequestDone done) {
  const auto statement = state::tenant_usage_statement(vu.tenant->id);
  vu.pg->query(statement.sql, statement.params, [done = std::move(done)](const PgResult& result) {
    if (!result.ok()) {
      done(failed(result.error()));
      return;
    }
    if (!state::decode_tenant_usage(rows_of(result))) {
      done(failed("the prepared tenant is missing; run `dharma loadtest prepare`"));
      return;
    }
    done(Outcome{true, CacheUse::none, {}});
  });
}

void StoreRequests::api_calls(VirtualUser& vu, RequestDone done) {
  const std::string day = util::today_utc();
  const std::string& tenant = vu.tenant->cache_tenant;
  const std::string counter = state::api_call_counter_key(tenant, day);
  // INCR, the tenant row and PostgreSQL's count, pipelined: count_api_call's reads.
  vu.redis->command({"INCR", counter}, [&vu, counter](const RedisReply& reply) {
    if (reply.integer && *reply.integer == 1) {
      vu.redis->command({"EXPIRE", counter, seconds_text(state::k_api_counter_ttl)},
                        [](const RedisReply&) {});
    }
  });
  struct Reads {
    bool row_hit = false;
    bool count_hit = false;
    int pending = 2;
  };
  auto reads = std::make_shared<Reads>();
  const std::uint64_t iteration = vu.iteration;
  auto finish = [&vu, iteration, reads, day, done = std::move(done)]() mutable {
    if (vu.iteration != iteration) {
      return;
    }
    if (reads->row_hit && reads->count_hit) {
      done(Outcome{true, CacheUse::hit, {}});
      return;
    }
    // A miss reads PostgreSQL as count_api_call does, then caches what it read.
    const bool need_row = !reads->row_hit;
    const auto statement = need_row ? state::tenant_statement(vu.tenant->id)
                                    : state::api_calls_statement(vu.tenant->id, day, false);
    vu.pg->query(statement.sql, statement.params,
                 [&vu, need_row, day, done = std::move(done)](const PgResult& result) mutable {
                   if (!result.ok()) {
                     done(failed(result.error()));
                     return;
                   }
                   const std::string& key_tenant = vu.tenant->cache_tenant;
                   std::string key;
                   std::string value;
                   if (need_row) {
                     const auto tenant_row = state::decode_tenant(rows_of(result));
                     if (!tenant_row) {
                       done(failed("the prepared tenant is missing; run `dharma loadtest prepare`"));
                       return;
                     }
                     key = state::tenant_row_key(key_tenant);
                     value = state::tenant_to_cache(*tenant_row);
                   } else {
                     key = state::api_calls_counted_in_postgres_key(key_tenant, day);
                     value = std::to_string(state::decode_api_calls(rows_of(result)));
                   }
                   vu.redis->command({"SET", key, value, "EX", seconds_text(state::k_tenant_ttl)},
                                     [done = std::move(done)](const RedisReply&) {
                                       done(Outcome{true, CacheUse::miss, {}});
                                     });
                 });
  };
  auto shared_finish = std::make_shared<decltype(finish)>(std::move(finish));
  vu.redis->command({"GET", state::tenant_row_key(tenant)}, [reads, shared_finish](const RedisReply& reply) {
    reads->row_hit = reply.ok && reply.text && state::tenant_from_cache(*reply.text).has_value();
    if (--reads->pending == 0) {
      (*shared_finish)();
    }
  });
  vu.redis->command({"GET", state::api_calls_counted_in_postgres_key(tenant, day)},
                    [reads, shared_finish](const RedisReply& reply) {
                      reads->count_hit = reply.ok && reply.text.has_value();
                      if (--reads->pending == 0) {
                        (*shared_finish)();
                      }
                    });
}

void StoreRequests::api_calls_uncached(VirtualUser& vu, RequestDone done) {
  const auto statement = state::api_calls_statement(vu.tenant->id, util::today_utc(), true);
  vu.pg->query(statement.sql, statement.params, [done = std::move(done)](const PgResult& result) {
    if (!result.ok()) {
      done(failed(result.error()));
      return;
    }
    if (state::decode_api_calls(rows_of(result)) < 1) {
      done(failed("the API call was not counted"));
      return;
    }
    done(Outcome{true, CacheUse::none, {}});
  });
}

void StoreRequests::push(VirtualUser& vu, RequestDone done) {
  ++vu.pushes;
  state::BlueprintPush request;
  request.project = k_fixture_project;
  request.name = k_fixture_pushed;
  request.source = "# pushed by dharma loadtest: vu " + std::to_string(vu.index) + " push " +
                   std::to_string(vu.pushes) + "\nname: pushed\nresources: {}\n";
  request.resolved_json = "{}";
  request.author = "dharma-loadtest";
  const auto statement = state::blueprint_push_statement(vu.tenant->id, request);
  vu.pg->query(statement.sql, statement.params,
               [&vu, done = std::move(done)](const PgResult& result) mutable {
                 if (!result.ok()) {
                   done(failed(result.error()));
                   return;
                 }
                 const auto outcome = state::decode_blueprint_push(rows_of(result));
                 if (!outcome.created) {
                   done(Outcome{true, CacheUse::none, {}});
                   return;
                 }
                 // The keys BlueprintStore::push removes after storing a version.
                 const std::string& tenant = vu.tenant->cache_tenant;
                 vu.redis->command({"UNLINK", state::blueprint_list_key(tenant, k_fixture_project),
                                    state::blueprint_list_key(tenant, ""), state::tenant_usage_key(tenant)},
                                   [done = std::move(done)](const RedisReply&) {
                                     done(Outcome{true, CacheUse::none, {}});
                                   });
               });
}

void StoreRequests::price(VirtualUser& vu, RequestDone done) {
  vu.redis->command(
      {"GET", m_target.price_key}, [this, &vu, done = std::move(done)](const RedisReply& reply) mutable {
        if (reply.ok && reply.text && cost::decode_price_catalog(*reply.text, m_target.price_file)) {
          done(Outcome{true, CacheUse::hit, {}});
          return;
        }
        vu.redis->command(
            {"SET", m_target.price_key, m_target.price_value, "EX", seconds_text(std::chrono::hours(24 * 7))},
            [done = std::move(done)](const RedisReply&) {
              done(Outcome{true, CacheUse::miss, {}});
            });
      });
}

}  // namespace dharma::loadtest
