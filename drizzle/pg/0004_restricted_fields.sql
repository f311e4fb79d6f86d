CREATE TABLE "restricted_field" (
	"partnership_id" text NOT NULL,
	"field" text NOT NULL,
	"created_at" text DEFAULT to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	CONSTRAINT "restricted_field_partnership_id_field_pk" PRIMARY KEY("partnership_id","field")
);
--> statement-breakpoint
ALTER TABLE "restricted_field" ADD CONSTRAINT "restricted_field_partnership_id_partnership_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnership"("id") ON DELETE cascade ON UPDATE no action;