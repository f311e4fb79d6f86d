CREATE TABLE "access_criterion" (
	"id" serial PRIMARY KEY NOT NULL,
	"partnership_id" text NOT NULL,
	"name" text NOT NULL,
	"service_code" text NOT NULL,
	"threshold_m" double precision,
	"threshold_min" double precision,
	"population_group" text NOT NULL,
	"target_share" double precision NOT NULL,
	"created_at" text DEFAULT to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "area" (
	"partnership_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"equality" jsonb NOT NULL,
	CONSTRAINT "area_partnership_id_code_pk" PRIMARY KEY("partnership_id","code")
);
--> statement-breakpoint
CREATE TABLE "context_layer" (
	"partnership_id" text NOT NULL,
	"name" text NOT NULL,
	"geojson" jsonb NOT NULL,
	"source" text,
	CONSTRAINT "context_layer_partnership_id_name_pk" PRIMARY KEY("partnership_id","name")
);
--> statement-breakpoint
CREATE TABLE "import_run" (
	"id" serial PRIMARY KEY NOT NULL,
	"partnership_id" text NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"added" integer NOT NULL,
	"changed" integer NOT NULL,
	"removed" integer NOT NULL,
	"created_at" text DEFAULT to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_upload" (
	"id" text PRIMARY KEY NOT NULL,
	"partnership_id" text NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"zones_file_name" text,
	"zones_bytes" "bytea",
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"expires_at" text NOT NULL,
	"created_at" text DEFAULT to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "milestone" (
	"id" serial PRIMARY KEY NOT NULL,
	"partnership_id" text NOT NULL,
	"scenario_id" integer NOT NULL,
	"hub_site_ref" text,
	"title" text NOT NULL,
	"owner" text DEFAULT '' NOT NULL,
	"start_date" text NOT NULL,
	"end_date" text NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mitigation" (
	"id" serial PRIMARY KEY NOT NULL,
	"partnership_id" text NOT NULL,
	"scenario_id" integer NOT NULL,
	"action" text NOT NULL,
	"owner" text NOT NULL,
	"for_whom" text NOT NULL,
	"created_at" text DEFAULT to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisation" (
	"id" text PRIMARY KEY NOT NULL,
	"partnership_id" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partnership" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"area_code" text,
	"boundary" jsonb,
	"bbox" jsonb NOT NULL,
	"seeded_from" text,
	"estate_version" text DEFAULT '' NOT NULL,
	"examples_seeded_at" text,
	"created_at" text DEFAULT to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pilot_contribution" (
	"pilot_cost_id" integer NOT NULL,
	"organisation_id" text NOT NULL,
	"amount_gbp" double precision NOT NULL,
	CONSTRAINT "pilot_contribution_pilot_cost_id_organisation_id_pk" PRIMARY KEY("pilot_cost_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "pilot_cost" (
	"id" serial PRIMARY KEY NOT NULL,
	"partnership_id" text NOT NULL,
	"scenario_id" integer NOT NULL,
	"label" text NOT NULL,
	"kind" text DEFAULT 'one_off' NOT NULL,
	"amount_gbp" double precision NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scenario" (
	"id" serial PRIMARY KEY NOT NULL,
	"partnership_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"is_baseline" boolean DEFAULT false NOT NULL,
	"example" text,
	"actions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"redo" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"parameters" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" text DEFAULT to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	"updated_at" text DEFAULT to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"default_for_kind" text
);
--> statement-breakpoint
CREATE TABLE "site" (
	"id" serial PRIMARY KEY NOT NULL,
	"partnership_id" text NOT NULL,
	"ref" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"operator_name" text,
	"organisation_id" text,
	"address" text,
	"postcode" text,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"footprint" jsonb,
	"lsoa_code" text,
	"source" text,
	"as_of" text,
	"gia_m2" double precision,
	"occupied_m2" double precision,
	"vacant_m2" double precision,
	"utilisation_pct" double precision,
	"rent_gbp_per_year" double precision,
	"rates_gbp_per_year" double precision,
	"facilities_gbp_per_year" double precision,
	"tenure" text,
	"lease_end" text,
	"lease_break" text,
	"condition" text,
	"backlog_gbp" double precision,
	"desks" integer,
	"counter_positions" integer,
	"interview_rooms" integer,
	"visit_capacity_per_week" double precision,
	"opening_hours_per_week" double precision,
	"step_free" boolean,
	"provenance" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" text DEFAULT to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	"updated_at" text DEFAULT to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site_service" (
	"id" serial PRIMARY KEY NOT NULL,
	"partnership_id" text NOT NULL,
	"site_id" integer NOT NULL,
	"service_code" text NOT NULL,
	"visits_per_week" double precision,
	"staff_fte" double precision,
	"space_m2" double precision,
	"provenance" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "travel_matrix" (
	"id" serial PRIMARY KEY NOT NULL,
	"partnership_id" text NOT NULL,
	"name" text NOT NULL,
	"mode" text NOT NULL,
	"source" text,
	"created_at" text DEFAULT to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "travel_time" (
	"matrix_id" integer NOT NULL,
	"zone_code" text NOT NULL,
	"site_ref" text NOT NULL,
	"minutes" double precision NOT NULL,
	CONSTRAINT "travel_time_matrix_id_zone_code_site_ref_pk" PRIMARY KEY("matrix_id","zone_code","site_ref")
);
--> statement-breakpoint
CREATE TABLE "zone" (
	"id" serial PRIMARY KEY NOT NULL,
	"partnership_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"lad_code" text,
	"lad_name" text,
	"ward_code" text,
	"ward_name" text,
	"area_ha" double precision NOT NULL,
	"geometry" jsonb NOT NULL,
	"centroid_lon" double precision NOT NULL,
	"centroid_lat" double precision NOT NULL,
	"population_source" text NOT NULL,
	"pop_total" double precision NOT NULL,
	"pop_children" double precision,
	"pop_working_age" double precision,
	"pop_65_plus" double precision,
	"pop_75_plus" double precision,
	"pop_85_plus" double precision,
	"imd_score" double precision,
	"imd_rank" integer,
	"imd_decile" integer,
	"disabled" double precision,
	"pct_disabled" double precision,
	"bad_health" double precision,
	"pct_bad_health" double precision,
	"households" double precision,
	"households_no_car" double precision,
	"pct_households_no_car" double precision,
	"area_code" text,
	"equality" jsonb,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "access_criterion" ADD CONSTRAINT "access_criterion_partnership_id_partnership_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnership"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_criterion" ADD CONSTRAINT "access_criterion_service_code_service_code_fk" FOREIGN KEY ("service_code") REFERENCES "public"."service"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area" ADD CONSTRAINT "area_partnership_id_partnership_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnership"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "context_layer" ADD CONSTRAINT "context_layer_partnership_id_partnership_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnership"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_run" ADD CONSTRAINT "import_run_partnership_id_partnership_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnership"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_upload" ADD CONSTRAINT "import_upload_partnership_id_partnership_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnership"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone" ADD CONSTRAINT "milestone_partnership_id_partnership_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnership"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone" ADD CONSTRAINT "milestone_scenario_id_scenario_id_fk" FOREIGN KEY ("scenario_id") REFERENCES "public"."scenario"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mitigation" ADD CONSTRAINT "mitigation_partnership_id_partnership_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnership"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mitigation" ADD CONSTRAINT "mitigation_scenario_id_scenario_id_fk" FOREIGN KEY ("scenario_id") REFERENCES "public"."scenario"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation" ADD CONSTRAINT "organisation_partnership_id_partnership_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnership"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_contribution" ADD CONSTRAINT "pilot_contribution_pilot_cost_id_pilot_cost_id_fk" FOREIGN KEY ("pilot_cost_id") REFERENCES "public"."pilot_cost"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_contribution" ADD CONSTRAINT "pilot_contribution_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_cost" ADD CONSTRAINT "pilot_cost_partnership_id_partnership_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnership"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_cost" ADD CONSTRAINT "pilot_cost_scenario_id_scenario_id_fk" FOREIGN KEY ("scenario_id") REFERENCES "public"."scenario"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario" ADD CONSTRAINT "scenario_partnership_id_partnership_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnership"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site" ADD CONSTRAINT "site_partnership_id_partnership_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnership"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site" ADD CONSTRAINT "site_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_service" ADD CONSTRAINT "site_service_partnership_id_partnership_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnership"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_service" ADD CONSTRAINT "site_service_site_id_site_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."site"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_service" ADD CONSTRAINT "site_service_service_code_service_code_fk" FOREIGN KEY ("service_code") REFERENCES "public"."service"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "travel_matrix" ADD CONSTRAINT "travel_matrix_partnership_id_partnership_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnership"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "travel_time" ADD CONSTRAINT "travel_time_matrix_id_travel_matrix_id_fk" FOREIGN KEY ("matrix_id") REFERENCES "public"."travel_matrix"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zone" ADD CONSTRAINT "zone_partnership_id_partnership_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnership"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_criterion_partnership" ON "access_criterion" USING btree ("partnership_id");--> statement-breakpoint
CREATE INDEX "import_upload_expires" ON "import_upload" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "milestone_scenario" ON "milestone" USING btree ("scenario_id");--> statement-breakpoint
CREATE INDEX "mitigation_scenario" ON "mitigation" USING btree ("scenario_id");--> statement-breakpoint
CREATE INDEX "organisation_partnership" ON "organisation" USING btree ("partnership_id");--> statement-breakpoint
CREATE INDEX "pilot_cost_scenario" ON "pilot_cost" USING btree ("scenario_id");--> statement-breakpoint
CREATE INDEX "scenario_partnership" ON "scenario" USING btree ("partnership_id");--> statement-breakpoint
CREATE UNIQUE INDEX "site_partnership_ref" ON "site" USING btree ("partnership_id","ref");--> statement-breakpoint
CREATE INDEX "site_partnership_kind" ON "site" USING btree ("partnership_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "site_service_site_code" ON "site_service" USING btree ("site_id","service_code");--> statement-breakpoint
CREATE UNIQUE INDEX "zone_partnership_code" ON "zone" USING btree ("partnership_id","code");