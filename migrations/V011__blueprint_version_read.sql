-- One blueprint version in a single statement, for `blueprint pull`.
--
-- A read through the usual unit of work costs five round trips (BEGIN, the
-- SET LOCAL timeouts, the tenant, the SELECT, COMMIT); this function makes it
-- one. It runs as the caller (SECURITY INVOKER), so row-level security still
-- binds dharma_app. It sets dharma.tenant_id and lock_timeout with
-- set_config(..., true) before its query plans; because the function has a
-- SET clause, PostgreSQL restores both when it returns, so nothing outlives
-- the call on a pooled connection. A NULL p_version means the latest;
-- the resolved form is returned only when p_with_resolved (pull does not
-- need it, diff does).
CREATE FUNCTION dharma_blueprint_version(p_tenant uuid, p_project text, p_name text, p_version integer,
                                         p_with_resolved boolean)
  RETURNS TABLE (version integer, content_hash text, source_yaml text, resolved_json text, author text,
                 created_at text)
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = pg_catalog, public
  AS $$
BEGIN
  PERFORM set_config('dharma.tenant_id', p_tenant::text, true);
  PERFORM set_config('lock_timeout', '10s', true);
  RETURN QUERY
    SELECT v.version, v.content_hash, v.source_yaml,
           CASE WHEN p_with_resolved THEN v.resolved_json::text END,
           v.author, to_char(v.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
      FROM blueprint_versions v
      JOIN blueprints b ON b.id = v.blueprint_id
      JOIN projects p ON p.id = b.project_id
     WHERE p.name = p_project AND b.name = p_name AND p.deleted_at IS NULL
       AND v.version = coalesce(p_version, b.latest_version);
END $$;
REVOKE ALL ON FUNCTION dharma_blueprint_version(uuid, text, text, integer, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dharma_blueprint_version(uuid, text, text, integer, boolean) TO dharma_app;
