CREATE TABLE `context_layer` (
	`partnership_id` text NOT NULL,
	`name` text NOT NULL,
	`geojson` text NOT NULL,
	`source` text,
	PRIMARY KEY(`partnership_id`, `name`),
	FOREIGN KEY (`partnership_id`) REFERENCES `partnership`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `import_run` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partnership_id` text NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`added` integer NOT NULL,
	`changed` integer NOT NULL,
	`removed` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnership`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `milestone` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partnership_id` text NOT NULL,
	`scenario_id` integer NOT NULL,
	`hub_site_ref` text,
	`title` text NOT NULL,
	`owner` text DEFAULT '' NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`status` text DEFAULT 'not_started' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnership`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenario`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `milestone_scenario` ON `milestone` (`scenario_id`);--> statement-breakpoint
CREATE TABLE `organisation` (
	`id` text PRIMARY KEY NOT NULL,
	`partnership_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnership`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `organisation_partnership` ON `organisation` (`partnership_id`);--> statement-breakpoint
CREATE TABLE `partnership` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`area_code` text,
	`boundary` text,
	`bbox` text NOT NULL,
	`seeded_from` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `pilot_contribution` (
	`pilot_cost_id` integer NOT NULL,
	`organisation_id` text NOT NULL,
	`amount_gbp` real NOT NULL,
	PRIMARY KEY(`pilot_cost_id`, `organisation_id`),
	FOREIGN KEY (`pilot_cost_id`) REFERENCES `pilot_cost`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `pilot_cost` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partnership_id` text NOT NULL,
	`scenario_id` integer NOT NULL,
	`label` text NOT NULL,
	`amount_gbp` real NOT NULL,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnership`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenario`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pilot_cost_scenario` ON `pilot_cost` (`scenario_id`);--> statement-breakpoint
CREATE TABLE `scenario` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partnership_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`is_baseline` integer DEFAULT false NOT NULL,
	`actions` text DEFAULT '[]' NOT NULL,
	`redo` text DEFAULT '[]' NOT NULL,
	`parameters` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnership`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `scenario_partnership` ON `scenario` (`partnership_id`);--> statement-breakpoint
CREATE TABLE `service` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`default_for_kind` text
);
--> statement-breakpoint
CREATE TABLE `site` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partnership_id` text NOT NULL,
	`ref` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`operator_name` text,
	`organisation_id` text,
	`address` text,
	`postcode` text,
	`lon` real NOT NULL,
	`lat` real NOT NULL,
	`footprint` text,
	`lsoa_code` text,
	`source` text,
	`as_of` text,
	`gia_m2` real,
	`rent_gbp_per_year` real,
	`rates_gbp_per_year` real,
	`facilities_gbp_per_year` real,
	`tenure` text,
	`lease_end` text,
	`lease_break` text,
	`condition` text,
	`backlog_gbp` real,
	`desks` integer,
	`counter_positions` integer,
	`interview_rooms` integer,
	`visit_capacity_per_week` real,
	`opening_hours_per_week` real,
	`step_free` integer,
	`provenance` text DEFAULT '{}' NOT NULL,
	`attributes` text DEFAULT '{}' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnership`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `site_partnership_ref` ON `site` (`partnership_id`,`ref`);--> statement-breakpoint
CREATE INDEX `site_partnership_kind` ON `site` (`partnership_id`,`kind`);--> statement-breakpoint
CREATE TABLE `site_service` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partnership_id` text NOT NULL,
	`site_id` integer NOT NULL,
	`service_code` text NOT NULL,
	`visits_per_week` real,
	`staff_fte` real,
	`space_m2` real,
	`provenance` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnership`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`site_id`) REFERENCES `site`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`service_code`) REFERENCES `service`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `site_service_site_code` ON `site_service` (`site_id`,`service_code`);--> statement-breakpoint
CREATE TABLE `travel_matrix` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partnership_id` text NOT NULL,
	`name` text NOT NULL,
	`mode` text NOT NULL,
	`source` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnership`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `travel_time` (
	`matrix_id` integer NOT NULL,
	`zone_code` text NOT NULL,
	`site_ref` text NOT NULL,
	`minutes` real NOT NULL,
	PRIMARY KEY(`matrix_id`, `zone_code`, `site_ref`),
	FOREIGN KEY (`matrix_id`) REFERENCES `travel_matrix`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `zone` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partnership_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`lad_code` text,
	`lad_name` text,
	`ward_code` text,
	`ward_name` text,
	`area_ha` real NOT NULL,
	`geometry` text NOT NULL,
	`centroid_lon` real NOT NULL,
	`centroid_lat` real NOT NULL,
	`population_source` text NOT NULL,
	`pop_total` real NOT NULL,
	`pop_children` real,
	`pop_working_age` real,
	`pop_65_plus` real,
	`pop_75_plus` real,
	`pop_85_plus` real,
	`imd_score` real,
	`imd_rank` integer,
	`imd_decile` integer,
	`disabled` real,
	`pct_disabled` real,
	`bad_health` real,
	`pct_bad_health` real,
	`households` real,
	`households_no_car` real,
	`pct_households_no_car` real,
	`attributes` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnership`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `zone_partnership_code` ON `zone` (`partnership_id`,`code`);