CREATE TABLE "audit_event" (
	"id" serial PRIMARY KEY NOT NULL,
	"partnership_id" text NOT NULL,
	"at" text DEFAULT to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"actor_label" text NOT NULL,
	"address" text,
	"entity_kind" text NOT NULL,
	"entity_id" text NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"summary" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scenario_revision" (
	"id" serial PRIMARY KEY NOT NULL,
	"partnership_id" text NOT NULL,
	"scenario_id" integer NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"actor_label" text NOT NULL,
	"summary" text NOT NULL,
	"created_at" text DEFAULT to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL
);
--> statement-breakpoint
ALTER TABLE "scenario_revision" ADD CONSTRAINT "scenario_revision_partnership_id_partnership_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnership"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_revision" ADD CONSTRAINT "scenario_revision_scenario_id_scenario_id_fk" FOREIGN KEY ("scenario_id") REFERENCES "public"."scenario"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_event_partnership" ON "audit_event" USING btree ("partnership_id","id");--> statement-breakpoint
CREATE INDEX "audit_event_entity" ON "audit_event" USING btree ("partnership_id","entity_kind","entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "scenario_revision_version" ON "scenario_revision" USING btree ("scenario_id","version");