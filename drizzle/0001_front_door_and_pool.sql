ALTER TABLE `milestone` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `partnership` ADD `estate_version` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `pilot_cost` ADD `version` integer DEFAULT 1 NOT NULL;