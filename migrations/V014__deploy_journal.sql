-- `dharma deploy`'s journal on top of V005: each deployment's number within
-- its environment (`deploy rollback --to N`), what it deploys and how (the
-- version, the driver and its deploy section as JSON, so `deploy resume` and
-- `deploy abort` need no file), the colour it replaces, the step it is at,
-- whether traffic was switched, and a --force override's reason.
-- status = 'succeeded' with blueprint_version_id still means "this version
-- runs now": it is set once the new colour has all traffic and passed its
-- post-promotion analysis.
ALTER TABLE deployments
  ADD COLUMN number         integer CHECK (number >= 1),
  ADD COLUMN version        text    NOT NULL DEFAULT '',
  ADD COLUMN previous_color text    CHECK (previous_color IN ('blue', 'green')),
  ADD COLUMN driver         text    NOT NULL DEFAULT 'haproxy',
  ADD COLUMN config         jsonb   NOT NULL DEFAULT '{}',
  ADD COLUMN current_step   text,
  ADD COLUMN switched       boolean NOT NULL DEFAULT false,
  ADD COLUMN force_reason   text,
  ADD COLUMN rollback_of    integer;
CREATE UNIQUE INDEX deployments_environment_number ON deployments (environment_id, number);

-- One deploy per environment at a time. A row with an expiry, taken and
-- renewed in short transactions, so it works through PgBouncer's transaction
-- pooling (a session advisory lock would be released, or leaked, by the
-- pooler). An expired lease, or one whose holder process is gone from the
-- same host, may be taken over.
CREATE TABLE deploy_leases (
  environment_id uuid        PRIMARY KEY,
  tenant_id      uuid        NOT NULL,
  holder         text        NOT NULL,
  holder_host    text        NOT NULL,
  holder_pid     integer     NOT NULL,
  deployment_id  uuid,
  acquired_at    timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  FOREIGN KEY (tenant_id, environment_id) REFERENCES environments (tenant_id, id) ON DELETE CASCADE
);
ALTER TABLE deploy_leases ENABLE ROW LEVEL SECURITY;
ALTER TABLE deploy_leases FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON deploy_leases USING (tenant_id = dharma_current_tenant())
  WITH CHECK (tenant_id = dharma_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON deploy_leases TO dharma_app;

-- `deploy blue-green` refuses while dharma's schema has pending migrations;
-- the application role cannot read dharma_schema_history (V008), so it asks this.
CREATE FUNCTION dharma_applied_migrations() RETURNS TABLE (version bigint, type text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ SELECT version, type FROM dharma_schema_history WHERE success $$;
REVOKE ALL ON FUNCTION dharma_applied_migrations() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dharma_applied_migrations() TO dharma_app;
