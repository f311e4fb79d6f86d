CREATE TABLE `access_criterion` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partnership_id` text NOT NULL,
	`name` text NOT NULL,
	`service_code` text NOT NULL,
	`threshold_m` real,
	`threshold_min` real,
	`population_group` text NOT NULL,
	`target_share` real NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnership`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`service_code`) REFERENCES `service`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `access_criterion_partnership` ON `access_criterion` (`partnership_id`);--> statement-breakpoint
CREATE TABLE `area` (
	`partnership_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`equality` text NOT NULL,
	PRIMARY KEY(`partnership_id`, `code`),
	FOREIGN KEY (`partnership_id`) REFERENCES `partnership`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `mitigation` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partnership_id` text NOT NULL,
	`scenario_id` integer NOT NULL,
	`action` text NOT NULL,
	`owner` text NOT NULL,
	`for_whom` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnership`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenario`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mitigation_scenario` ON `mitigation` (`scenario_id`);--> statement-breakpoint
ALTER TABLE `partnership` ADD `estate_version` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `partnership` ADD `examples_seeded_at` text;--> statement-breakpoint
ALTER TABLE `pilot_cost` ADD `kind` text DEFAULT 'one_off' NOT NULL;--> statement-breakpoint
ALTER TABLE `scenario` ADD `example` text;--> statement-breakpoint
ALTER TABLE `site` ADD `occupied_m2` real;--> statement-breakpoint
ALTER TABLE `site` ADD `vacant_m2` real;--> statement-breakpoint
ALTER TABLE `site` ADD `utilisation_pct` real;--> statement-breakpoint
ALTER TABLE `zone` ADD `area_code` text;--> statement-breakpoint
ALTER TABLE `zone` ADD `equality` text;