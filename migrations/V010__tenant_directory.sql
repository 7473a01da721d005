-- The tenant directory for `dharma tenant list`: every tenant's public fields.
-- The application role sees only its own tenant's row (V008), so listing
-- all of them goes through this owner-run function, which returns no quota,
-- usage or tenant data beyond the directory columns.
CREATE FUNCTION dharma_tenant_directory()
  RETURNS TABLE (slug text, name text, region text, status text, created_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ SELECT slug, name, region, status, created_at FROM tenants ORDER BY slug $$;
REVOKE ALL ON FUNCTION dharma_tenant_directory() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dharma_tenant_directory() TO dharma_app;
