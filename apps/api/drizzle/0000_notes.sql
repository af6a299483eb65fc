CREATE TABLE "notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"author_uid" text NOT NULL,
	"actor_uid" text,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"business_uid" text NOT NULL,
	CONSTRAINT "notes_business_uid_not_empty" CHECK ("notes"."business_uid" <> '')
);
--> statement-breakpoint
ALTER TABLE "notes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE INDEX "notes_business_position_idx" ON "notes" USING btree ("business_uid","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE POLICY "notes_select" ON "notes" AS PERMISSIVE FOR SELECT TO public USING ("notes"."business_uid" = nullif(current_setting('app.business_uid', true), ''));--> statement-breakpoint
CREATE POLICY "notes_insert" ON "notes" AS PERMISSIVE FOR INSERT TO public WITH CHECK ("notes"."business_uid" = nullif(current_setting('app.business_uid', true), '') and "notes"."author_uid" = nullif(current_setting('app.staff_uid', true), ''));--> statement-breakpoint
CREATE POLICY "notes_delete" ON "notes" AS PERMISSIVE FOR DELETE TO public USING ("notes"."business_uid" = nullif(current_setting('app.business_uid', true), '') and "notes"."author_uid" = nullif(current_setting('app.staff_uid', true), ''));