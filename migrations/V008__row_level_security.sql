-- Tenant isolation. Every table with a tenant_id gets row-level security,
-- FORCEd so that it binds the table owner too, with one policy: a row is
-- visible and writable only when its tenant_id is the transaction's
-- `SET LOCAL dharma.tenant_id`. Only a superuser or a BYPASSRLS role escapes
-- it; dharma_app is neither, and it owns nothing.
--
-- The tenants table has the same policy (a session sees and changes only its
-- own tenant's row) but is not FORCEd: its owner must be able to resolve a
-- slug to an id through dharma_tenant_id() before any tenant is set.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['api_call_counts', 'users', 'projects', 'environments', 'blueprints',
                           'blueprint_versions', 'deployments', 'deployment_steps', 'deployment_logs',
                           'approvals', 'guard_runs', 'guard_findings', 'guard_suppressions',
                           'cost_estimates', 'drift_reports', 'audit_log']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = dharma_current_tenant()) '
                   'WITH CHECK (tenant_id = dharma_current_tenant())', t);
  END LOOP;
END $$;

ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_self ON tenants
  USING (id = dharma_current_tenant()) WITH CHECK (id = dharma_current_tenant());

-- What the application role may do; versions and the audit log are append-only.
-- It gets nothing on dharma_schema_history or dharma_migration_lease.
GRANT USAGE ON SCHEMA public TO dharma_app;
GRANT SELECT, INSERT, UPDATE ON tenants TO dharma_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON
  api_call_counts, users, projects, environments, blueprints, deployments, deployment_steps,
  approvals, guard_runs, guard_findings, guard_suppressions, cost_estimates, drift_reports
  TO dharma_app;
GRANT SELECT, INSERT ON blueprint_versions, deployment_logs, audit_log TO dharma_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO dharma_app;
GRANT EXECUTE ON FUNCTION dharma_current_tenant(), dharma_tenant_id(text) TO dharma_app;
