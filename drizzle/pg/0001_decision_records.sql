CREATE TABLE "decision_record" (
	"id" serial PRIMARY KEY NOT NULL,
	"partnership_id" text NOT NULL,
	"saved_comparison_id" integer,
	"title" text NOT NULL,
	"presented_on" text NOT NULL,
	"snapshot" text NOT NULL,
	"content_sha256" text NOT NULL,
	"frozen_at" text DEFAULT to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "saved_comparison" (
	"id" serial PRIMARY KEY NOT NULL,
	"partnership_id" text NOT NULL,
	"title" text NOT NULL,
	"link_ids" jsonb NOT NULL,
	"service_code" text,
	"recommendation" text DEFAULT '' NOT NULL,
	"rationale" text DEFAULT '' NOT NULL,
	"author" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" text DEFAULT to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	"updated_at" text DEFAULT to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL
);
--> statement-breakpoint
ALTER TABLE "decision_record" ADD CONSTRAINT "decision_record_partnership_id_partnership_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnership"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_record" ADD CONSTRAINT "decision_record_saved_comparison_id_saved_comparison_id_fk" FOREIGN KEY ("saved_comparison_id") REFERENCES "public"."saved_comparison"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_comparison" ADD CONSTRAINT "saved_comparison_partnership_id_partnership_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnership"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decision_record_partnership" ON "decision_record" USING btree ("partnership_id");--> statement-breakpoint
CREATE INDEX "saved_comparison_partnership" ON "saved_comparison" USING btree ("partnership_id");