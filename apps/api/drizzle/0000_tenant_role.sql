-- The role every tenant transaction switches to (SET LOCAL ROLE): no login, owns nothing, not a
-- superuser, so row-level security always applies to it. Roles belong to the whole server, so
-- this tolerates a role that already exists, or one another database creates at the same moment.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'app_tenant') THEN
    CREATE ROLE app_tenant NOLOGIN NOSUPERUSER NOINHERIT NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;
--> statement-breakpoint
-- The user that runs the migrations (and the API) may switch to it.
GRANT app_tenant TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO app_tenant;
