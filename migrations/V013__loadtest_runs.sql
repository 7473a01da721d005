-- Load-test runs kept per tenant (`dharma loadtest … --store`, `--compare last`):
-- the whole report as dharma-loadtest-report/1 JSON, histograms included, and
-- the columns the previous run of a scenario is found by.
CREATE TABLE loadtest_runs (
  id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id   uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  scenario    text        NOT NULL CHECK (length(scenario) BETWEEN 1 AND 200),
  target      text        NOT NULL CHECK (length(target) <= 2000),
  started_at  timestamptz NOT NULL,
  duration_ms bigint      NOT NULL CHECK (duration_ms >= 0),
  passed      boolean     NOT NULL,
  aborted     boolean     NOT NULL,
  report      jsonb       NOT NULL CHECK (report->>'format' = 'dharma-loadtest-report/1'),
  recorded_by text        NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX loadtest_runs_scenario_started ON loadtest_runs (tenant_id, scenario, target, started_at DESC);

-- Tenant isolation as V008 gives every tenant table.
ALTER TABLE loadtest_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE loadtest_runs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loadtest_runs USING (tenant_id = dharma_current_tenant())
  WITH CHECK (tenant_id = dharma_current_tenant());
GRANT SELECT, INSERT, DELETE ON loadtest_runs TO dharma_app;
