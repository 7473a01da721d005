-- dharma:no-transaction
-- Indexes on the tables that grow without bound, built without blocking
-- writers. CREATE INDEX CONCURRENTLY cannot run in a transaction, so
-- `dharma db migrate` runs this file statement by statement on the direct
-- connection. Each index is dropped first, so a run interrupted half-way
-- (which can leave an INVALID index behind) is simply run again.

-- `deploy status` shows a deployment's log in order.
DROP INDEX CONCURRENTLY IF EXISTS deployment_logs_deployment_logged;
CREATE INDEX CONCURRENTLY deployment_logs_deployment_logged ON deployment_logs (deployment_id, logged_at);

-- Audit queries: a tenant's trail, newest first, optionally by action.
DROP INDEX CONCURRENTLY IF EXISTS audit_log_tenant_occurred;
CREATE INDEX CONCURRENTLY audit_log_tenant_occurred ON audit_log (tenant_id, occurred_at DESC);
DROP INDEX CONCURRENTLY IF EXISTS audit_log_tenant_action;
CREATE INDEX CONCURRENTLY audit_log_tenant_action ON audit_log (tenant_id, action, occurred_at DESC);
