ALTER TABLE `milestone` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `pilot_cost` ADD `version` integer DEFAULT 1 NOT NULL;