-- Blueprints and their immutable versions: the source YAML exactly as pushed,
-- its SHA-256 content hash and the resolved form as JSON.
CREATE TABLE blueprints (
  id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id      uuid        NOT NULL,
  project_id     uuid        NOT NULL,
  name           text        NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
  latest_version integer     NOT NULL DEFAULT 0 CHECK (latest_version >= 0),
  created_by     text        NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, project_id, name),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE blueprint_versions (
  id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id     uuid        NOT NULL,
  blueprint_id  uuid        NOT NULL,
  version       integer     NOT NULL CHECK (version >= 1),
  content_hash  text        NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  source_yaml   text        NOT NULL,
  resolved_json jsonb       NOT NULL,
  size_bytes    integer     NOT NULL CHECK (size_bytes >= 0),
  author        text        NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (blueprint_id, version),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, blueprint_id) REFERENCES blueprints (tenant_id, id) ON DELETE CASCADE
);
-- `blueprint push` asks "is this content already stored?"
CREATE INDEX blueprint_versions_content_hash ON blueprint_versions (blueprint_id, content_hash);

-- Versions and audit rows are written once: an UPDATE is always a bug.
CREATE FUNCTION dharma_reject_update() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER blueprint_versions_immutable BEFORE UPDATE ON blueprint_versions
  FOR EACH ROW EXECUTE FUNCTION dharma_reject_update();
