-- Every mutating command writes one row here in the same transaction as its change.
CREATE TABLE audit_log (
  id          bigserial   PRIMARY KEY,
  tenant_id   uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  actor       text        NOT NULL,
  action      text        NOT NULL,
  target_type text        NOT NULL,
  target_id   text        NOT NULL,
  detail      jsonb       NOT NULL DEFAULT '{}',
  occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER audit_log_immutable BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION dharma_reject_update();
