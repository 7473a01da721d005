-- People who act within a tenant and their role there.
CREATE TABLE users (
  id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id    uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  email        text        NOT NULL CHECK (position('@' IN email) > 1),
  display_name text        NOT NULL DEFAULT '',
  role         text        NOT NULL DEFAULT 'engineer'
                           CHECK (role IN ('owner', 'admin', 'engineer', 'viewer')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  disabled_at  timestamptz,
  UNIQUE (tenant_id, id)
);
-- Sign-in and "who is this actor" lookups, case-insensitive, one account per tenant.
CREATE UNIQUE INDEX users_tenant_email ON users (tenant_id, lower(email));
