-- Blue-green deployments with their steps, logs and approvals.
CREATE TABLE deployments (
  id                   uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id            uuid        NOT NULL,
  environment_id       uuid        NOT NULL,
  blueprint_version_id uuid        NOT NULL,
  strategy             text        NOT NULL DEFAULT 'blue-green' CHECK (strategy IN ('blue-green')),
  color                text        NOT NULL CHECK (color IN ('blue', 'green')),
  status               text        NOT NULL DEFAULT 'pending'
                       CHECK (status IN ('pending', 'awaiting_approval', 'deploying', 'verifying', 'switching',
                                         'succeeded', 'failed', 'rolled_back')),
  health_results       jsonb       NOT NULL DEFAULT '[]',
  rollback_reason      text,
  started_by           text        NOT NULL,
  started_at           timestamptz NOT NULL DEFAULT now(),
  finished_at          timestamptz,
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, environment_id) REFERENCES environments (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, blueprint_version_id) REFERENCES blueprint_versions (tenant_id, id)
);
-- `deploy status|history` per environment, newest first.
CREATE INDEX deployments_environment_started ON deployments (tenant_id, environment_id, started_at DESC);
-- `tenant delete` refuses while a deployment is live.
CREATE INDEX deployments_live ON deployments (tenant_id)
  WHERE status IN ('pending', 'awaiting_approval', 'deploying', 'verifying', 'switching');

CREATE TABLE deployment_steps (
  id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id     uuid        NOT NULL,
  deployment_id uuid        NOT NULL,
  position      integer     NOT NULL CHECK (position >= 1),
  name          text        NOT NULL,
  status        text        NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'skipped')),
  detail        jsonb       NOT NULL DEFAULT '{}',
  started_at    timestamptz,
  finished_at   timestamptz,
  UNIQUE (deployment_id, position),
  FOREIGN KEY (tenant_id, deployment_id) REFERENCES deployments (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE deployment_logs (
  id            bigserial   PRIMARY KEY,
  tenant_id     uuid        NOT NULL,
  deployment_id uuid        NOT NULL,
  logged_at     timestamptz NOT NULL DEFAULT now(),
  level         text        NOT NULL CHECK (level IN ('debug', 'info', 'warn', 'error')),
  message       text        NOT NULL,
  FOREIGN KEY (tenant_id, deployment_id) REFERENCES deployments (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE approvals (
  id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id     uuid        NOT NULL,
  deployment_id uuid        NOT NULL,
  requested_by  text        NOT NULL,
  decision      text        NOT NULL DEFAULT 'pending' CHECK (decision IN ('pending', 'approved', 'rejected')),
  decided_by    text,
  reason        text,
  requested_at  timestamptz NOT NULL DEFAULT now(),
  decided_at    timestamptz,
  FOREIGN KEY (tenant_id, deployment_id) REFERENCES deployments (tenant_id, id) ON DELETE CASCADE,
  CHECK ((decision = 'pending') = (decided_at IS NULL))
);
CREATE INDEX approvals_deployment ON approvals (deployment_id);
