-- Results of `dharma guard`, `dharma cost` and `dharma drift` kept per tenant.
CREATE TABLE guard_runs (
  id                   uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id            uuid        NOT NULL,
  project_id           uuid        NOT NULL,
  blueprint_version_id uuid,
  fail_threshold       text        NOT NULL CHECK (fail_threshold IN ('info', 'low', 'medium', 'high', 'critical')),
  passed               boolean     NOT NULL,
  finding_count        integer     NOT NULL DEFAULT 0 CHECK (finding_count >= 0),
  started_by           text        NOT NULL,
  started_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, blueprint_version_id) REFERENCES blueprint_versions (tenant_id, id)
);
CREATE INDEX guard_runs_project_started ON guard_runs (tenant_id, project_id, started_at DESC);

CREATE TABLE guard_findings (
  id           uuid    PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id    uuid    NOT NULL,
  guard_run_id uuid    NOT NULL,
  policy_id    text    NOT NULL,
  severity     text    NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
  resource     text    NOT NULL,
  message      text    NOT NULL,
  suppressed   boolean NOT NULL DEFAULT false,
  FOREIGN KEY (tenant_id, guard_run_id) REFERENCES guard_runs (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX guard_findings_run ON guard_findings (guard_run_id);

CREATE TABLE guard_suppressions (
  id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id        uuid        NOT NULL,
  project_id       uuid,
  policy_id        text        NOT NULL,
  resource_pattern text        NOT NULL DEFAULT '*',
  reason           text        NOT NULL CHECK (length(reason) > 0),
  created_by       text        NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  expires_at       timestamptz,
  FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX guard_suppressions_policy ON guard_suppressions (tenant_id, policy_id);

CREATE TABLE cost_estimates (
  id                   uuid          PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id            uuid          NOT NULL,
  blueprint_version_id uuid          NOT NULL,
  environment          text          NOT NULL DEFAULT '',
  currency             text          NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
  monthly_total        numeric(14,2) NOT NULL CHECK (monthly_total >= 0),
  breakdown            jsonb         NOT NULL DEFAULT '[]',
  price_catalog_date   date          NOT NULL,
  created_at           timestamptz   NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, blueprint_version_id) REFERENCES blueprint_versions (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX cost_estimates_version ON cost_estimates (blueprint_version_id, environment);

CREATE TABLE drift_reports (
  id                   uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id            uuid        NOT NULL,
  project_id           uuid        NOT NULL,
  environment_id       uuid,
  blueprint_version_id uuid,
  source               text        NOT NULL CHECK (source IN ('terraform', 'kubernetes', 'recorded')),
  drifted              boolean     NOT NULL,
  changes              jsonb       NOT NULL DEFAULT '[]',
  detected_at          timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, environment_id) REFERENCES environments (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, blueprint_version_id) REFERENCES blueprint_versions (tenant_id, id)
);
CREATE INDEX drift_reports_project_detected ON drift_reports (tenant_id, project_id, detected_at DESC);
