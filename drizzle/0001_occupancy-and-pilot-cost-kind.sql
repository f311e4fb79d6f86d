ALTER TABLE `pilot_cost` ADD `kind` text DEFAULT 'one_off' NOT NULL;--> statement-breakpoint
ALTER TABLE `site` ADD `occupied_m2` real;--> statement-breakpoint
ALTER TABLE `site` ADD `vacant_m2` real;--> statement-breakpoint
ALTER TABLE `site` ADD `utilisation_pct` real;