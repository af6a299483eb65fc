CREATE TABLE "notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "notes_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"business_uid" text NOT NULL,
	"author_uid" text NOT NULL,
	"actor_uid" text,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE INDEX "notes_business_seq_idx" ON "notes" USING btree ("business_uid","seq" DESC NULLS LAST);--> statement-breakpoint
CREATE POLICY "notes_read" ON "notes" AS PERMISSIVE FOR SELECT TO "app_tenant" USING ("notes"."business_uid" = current_setting('app.business_uid', true));--> statement-breakpoint
CREATE POLICY "notes_create" ON "notes" AS PERMISSIVE FOR INSERT TO "app_tenant" WITH CHECK ("notes"."business_uid" = current_setting('app.business_uid', true) and "notes"."author_uid" = current_setting('app.staff_uid', true));--> statement-breakpoint
CREATE POLICY "notes_update_own" ON "notes" AS PERMISSIVE FOR UPDATE TO "app_tenant" USING ("notes"."business_uid" = current_setting('app.business_uid', true) and "notes"."author_uid" = current_setting('app.staff_uid', true)) WITH CHECK ("notes"."business_uid" = current_setting('app.business_uid', true) and "notes"."author_uid" = current_setting('app.staff_uid', true));--> statement-breakpoint
CREATE POLICY "notes_delete_own" ON "notes" AS PERMISSIVE FOR DELETE TO "app_tenant" USING ("notes"."business_uid" = current_setting('app.business_uid', true) and "notes"."author_uid" = current_setting('app.staff_uid', true));--> statement-breakpoint
-- Reviewed additions (drizzle-kit does not emit these): the table's owner obeys the policies too,
-- and the tenant role gets exactly the statements the policies cover.
ALTER TABLE "notes" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "notes" TO app_tenant;
