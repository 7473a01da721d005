-- The store's other hot paths in a single statement each, like V011's
-- dharma_blueprint_version: blueprint list, the tenant row, the tenant's
-- usage against its quotas, the API-call count (read or count up), and
-- blueprint push. Through the unit of work each cost five round trips
-- (BEGIN, the SET LOCAL timeouts, the tenant, the statement, COMMIT); as one
-- call in autocommit they cost one, and the loadtest engine sends the very
-- same statements (lib/dharma/state/store_statements.hpp).
--
-- Every function runs as the caller (SECURITY INVOKER), so row-level
-- security still binds dharma_app. Each sets dharma.tenant_id with
-- set_config(..., true) before its first query and puts the caller's value
-- back before it returns; lock_timeout is in its SET clause. (PostgreSQL
-- restores on return only the settings a SET clause names; V011's tenant,
-- set with set_config alone, lasted to the end of the caller's transaction.
-- A placeholder like dharma.tenant_id cannot be named in a SET clause by a
-- role that is not a superuser.) So the tenant ends with the call even inside
-- a caller's transaction; in autocommit, as dharma calls them, the
-- transaction ends with the statement anyway, so nothing outlives the call on
-- a pooled connection, and an error aborts the caller's transaction. A call
-- in autocommit is its own transaction: push's writes commit together or not
-- at all, as before.

-- V011's read, replaced: it joined the version on
-- coalesce(p_version, b.latest_version), which the planner cannot use as an
-- index key, so a blueprint with tens of thousands of versions was read by a
-- sequential scan of the tenant's versions (47 ms at 60,000 versions,
-- measured). It now resolves the blueprint and version first and reads the
-- version by its unique (blueprint_id, version) key, and restores the
-- caller's tenant like the functions below. Same signature and result.
CREATE OR REPLACE FUNCTION dharma_blueprint_version(p_tenant uuid, p_project text, p_name text, p_version integer,
                                                    p_with_resolved boolean)
  RETURNS TABLE (version integer, content_hash text, source_yaml text, resolved_json text, author text,
                 created_at text)
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER
  SET search_path = pg_catalog, public SET lock_timeout = '10s'
  AS $$
DECLARE
  v_caller_tenant text;
  v_blueprint uuid;
  v_version integer;
BEGIN
  v_caller_tenant := coalesce(current_setting('dharma.tenant_id', true), '');
  PERFORM set_config('dharma.tenant_id', p_tenant::text, true);
  SELECT b.id, coalesce(p_version, b.latest_version) INTO v_blueprint, v_version
    FROM blueprints b
    JOIN projects p ON p.id = b.project_id
   WHERE p.name = p_project AND b.name = p_name AND p.deleted_at IS NULL;
  RETURN QUERY
    SELECT v.version, v.content_hash, v.source_yaml,
           CASE WHEN p_with_resolved THEN v.resolved_json::text END,
           v.author, to_char(v.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
      FROM blueprint_versions v
     WHERE v.blueprint_id = v_blueprint AND v.version = v_version;
  PERFORM set_config('dharma.tenant_id', v_caller_tenant, true);
END $$;

CREATE FUNCTION dharma_blueprint_list(p_tenant uuid, p_project text)
  RETURNS TABLE (project text, name text, latest_version integer, updated_at text)
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER
  SET search_path = pg_catalog, public SET lock_timeout = '10s'
  AS $$
DECLARE
  v_caller_tenant text;
BEGIN
  v_caller_tenant := coalesce(current_setting('dharma.tenant_id', true), '');
  PERFORM set_config('dharma.tenant_id', p_tenant::text, true);
  RETURN QUERY
    SELECT p.name, b.name, b.latest_version,
           to_char(b.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
      FROM blueprints b
      JOIN projects p ON p.id = b.project_id
     WHERE p.deleted_at IS NULL AND (p_project = '' OR p.name = p_project)
     ORDER BY p.name, b.name;
  PERFORM set_config('dharma.tenant_id', v_caller_tenant, true);
END $$;

-- The columns of TenantStore's tenant row, as text and bigint.
CREATE FUNCTION dharma_tenant(p_tenant uuid)
  RETURNS TABLE (id text, slug text, name text, region text, status text, created_at text, updated_at text,
                 max_projects bigint, max_blueprints bigint, max_deployments bigint, max_users bigint,
                 max_storage_gb bigint, max_api_calls_per_day bigint)
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER
  SET search_path = pg_catalog, public SET lock_timeout = '10s'
  AS $$
DECLARE
  v_caller_tenant text;
BEGIN
  v_caller_tenant := coalesce(current_setting('dharma.tenant_id', true), '');
  PERFORM set_config('dharma.tenant_id', p_tenant::text, true);
  RETURN QUERY
    SELECT t.id::text, t.slug, t.name, t.region, t.status,
           to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
           to_char(t.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
           t.max_projects::bigint, t.max_blueprints::bigint, t.max_deployments::bigint, t.max_users::bigint,
           t.max_storage_gb::bigint, t.max_api_calls_per_day::bigint
      FROM tenants t
     WHERE t.id = p_tenant;
  PERFORM set_config('dharma.tenant_id', v_caller_tenant, true);
END $$;

-- The tenant's counts against every quota (the order of TenantStore's
-- k_quota_fields; API calls: those PostgreSQL counted today, UTC), then its
-- limits in the same order. No row when the tenant does not exist.
CREATE FUNCTION dharma_tenant_usage(p_tenant uuid)
  RETURNS TABLE (projects float8, blueprints float8, deployments float8, users float8, storage_gb float8,
                 api_calls_per_day float8, max_projects bigint, max_blueprints bigint, max_deployments bigint,
                 max_users bigint, max_storage_gb bigint, max_api_calls_per_day bigint)
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER
  SET search_path = pg_catalog, public SET lock_timeout = '10s'
  AS $$
DECLARE
  v_caller_tenant text;
BEGIN
  v_caller_tenant := coalesce(current_setting('dharma.tenant_id', true), '');
  PERFORM set_config('dharma.tenant_id', p_tenant::text, true);
  RETURN QUERY
    SELECT (SELECT count(*) FROM projects p WHERE p.deleted_at IS NULL)::float8,
           (SELECT count(*) FROM blueprints b)::float8,
           (SELECT count(*) FROM deployments d)::float8,
           (SELECT count(*) FROM users u WHERE u.disabled_at IS NULL)::float8,
           (SELECT coalesce(sum(v.size_bytes), 0) FROM blueprint_versions v)::float8 / 1e9,
           (SELECT coalesce(sum(c.calls), 0) FROM api_call_counts c
             WHERE c.day = (now() AT TIME ZONE 'UTC')::date)::float8,
           t.max_projects::bigint, t.max_blueprints::bigint, t.max_deployments::bigint, t.max_users::bigint,
           t.max_storage_gb::bigint, t.max_api_calls_per_day::bigint
      FROM tenants t
     WHERE t.id = p_tenant;
  PERFORM set_config('dharma.tenant_id', v_caller_tenant, true);
END $$;

-- API calls PostgreSQL counted for the tenant on p_day; counted up by one
-- first when p_increment (the path taken while Redis is unavailable).
CREATE FUNCTION dharma_api_calls(p_tenant uuid, p_day date, p_increment boolean)
  RETURNS bigint
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER
  SET search_path = pg_catalog, public SET lock_timeout = '10s'
  AS $$
DECLARE
  v_caller_tenant text;
  v_calls bigint;
BEGIN
  v_caller_tenant := coalesce(current_setting('dharma.tenant_id', true), '');
  PERFORM set_config('dharma.tenant_id', p_tenant::text, true);
  IF p_increment THEN
    INSERT INTO api_call_counts AS c (tenant_id, day, calls) VALUES (p_tenant, p_day, 1)
      ON CONFLICT (tenant_id, day) DO UPDATE SET calls = c.calls + 1
      RETURNING c.calls INTO v_calls;
  ELSE
    SELECT c.calls INTO v_calls FROM api_call_counts c WHERE c.day = p_day;
  END IF;
  PERFORM set_config('dharma.tenant_id', v_caller_tenant, true);
  RETURN coalesce(v_calls, 0);
END $$;

-- blueprint push with the rules of the unit of work it replaces: the tenant
-- row locked (concurrent pushes of one tenant serialise, so quotas cannot be
-- overrun), project and blueprint created when new, each within its quota
-- (SQLSTATE DQ001 "quota exceeded (N/N projects|blueprints)" otherwise,
-- which rolls everything back), a version added only when the SHA-256 of the
-- exact bytes differs from the latest's, and the audit row.
CREATE FUNCTION dharma_blueprint_push(p_tenant uuid, p_project text, p_name text, p_source text,
                                      p_resolved jsonb, p_author text)
  RETURNS TABLE (version integer, content_hash text, created boolean)
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER
  SET search_path = pg_catalog, public SET lock_timeout = '10s'
  AS $$
DECLARE
  v_caller_tenant text;
  v_hash text := encode(sha256(convert_to(p_source, 'UTF8')), 'hex');
  v_project uuid;
  v_blueprint uuid;
  v_latest integer;
  v_latest_hash text;
  v_limit bigint;
  v_used bigint;
BEGIN
  v_caller_tenant := coalesce(current_setting('dharma.tenant_id', true), '');
  PERFORM set_config('dharma.tenant_id', p_tenant::text, true);
  PERFORM 1 FROM tenants t WHERE t.id = p_tenant FOR UPDATE;
  SELECT p.id INTO v_project FROM projects p WHERE p.name = p_project AND p.deleted_at IS NULL;
  IF v_project IS NULL THEN
    SELECT t.max_projects INTO v_limit FROM tenants t WHERE t.id = p_tenant;
    SELECT count(*) INTO v_used FROM projects p WHERE p.deleted_at IS NULL;
    IF v_used >= v_limit THEN
      RAISE EXCEPTION USING ERRCODE = 'DQ001', MESSAGE = format('quota exceeded (%s/%s projects)', v_used, v_limit);
    END IF;
    INSERT INTO projects (tenant_id, name, created_by) VALUES (p_tenant, p_project, p_author)
      RETURNING projects.id INTO v_project;
  END IF;
  SELECT b.id, b.latest_version, v.content_hash INTO v_blueprint, v_latest, v_latest_hash
    FROM blueprints b
    LEFT JOIN blueprint_versions v ON v.blueprint_id = b.id AND v.version = b.latest_version
   WHERE b.project_id = v_project AND b.name = p_name;
  IF v_blueprint IS NULL THEN
    SELECT t.max_blueprints INTO v_limit FROM tenants t WHERE t.id = p_tenant;
    SELECT count(*) INTO v_used FROM blueprints b;
    IF v_used >= v_limit THEN
      RAISE EXCEPTION USING ERRCODE = 'DQ001', MESSAGE = format('quota exceeded (%s/%s blueprints)', v_used, v_limit);
    END IF;
    INSERT INTO blueprints (tenant_id, project_id, name, created_by) VALUES (p_tenant, v_project, p_name, p_author)
      RETURNING blueprints.id INTO v_blueprint;
    v_latest := 0;
  ELSIF v_latest_hash = v_hash THEN
    RETURN QUERY SELECT v_latest, v_hash, false;
    PERFORM set_config('dharma.tenant_id', v_caller_tenant, true);
    RETURN;
  END IF;
  INSERT INTO blueprint_versions (tenant_id, blueprint_id, version, content_hash, source_yaml, resolved_json,
                                  size_bytes, author)
    VALUES (p_tenant, v_blueprint, v_latest + 1, v_hash, p_source, p_resolved, octet_length(p_source), p_author);
  UPDATE blueprints b SET latest_version = v_latest + 1, updated_at = now() WHERE b.id = v_blueprint;
  INSERT INTO audit_log (tenant_id, actor, action, target_type, target_id, detail)
    VALUES (p_tenant, p_author, 'blueprint.push', 'blueprint', p_project || '/' || p_name,
            jsonb_build_object('version', v_latest + 1, 'hash', v_hash));
  RETURN QUERY SELECT v_latest + 1, v_hash, true;
  PERFORM set_config('dharma.tenant_id', v_caller_tenant, true);
END $$;

REVOKE ALL ON FUNCTION dharma_blueprint_list(uuid, text), dharma_tenant(uuid), dharma_tenant_usage(uuid),
  dharma_api_calls(uuid, date, boolean), dharma_blueprint_push(uuid, text, text, text, jsonb, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dharma_blueprint_list(uuid, text), dharma_tenant(uuid), dharma_tenant_usage(uuid),
  dharma_api_calls(uuid, date, boolean), dharma_blueprint_push(uuid, text, text, text, jsonb, text) TO dharma_app;
