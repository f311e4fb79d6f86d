CREATE TABLE `audit_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partnership_id` text NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` text,
	`actor_label` text NOT NULL,
	`address` text,
	`entity_kind` text NOT NULL,
	`entity_id` text NOT NULL,
	`action` text NOT NULL,
	`before` text,
	`after` text,
	`summary` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_event_partnership` ON `audit_event` (`partnership_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_event_entity` ON `audit_event` (`partnership_id`,`entity_kind`,`entity_id`);--> statement-breakpoint
CREATE TABLE `scenario_revision` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partnership_id` text NOT NULL,
	`scenario_id` integer NOT NULL,
	`version` integer NOT NULL,
	`snapshot` text NOT NULL,
	`actor_label` text NOT NULL,
	`summary` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnership`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenario`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scenario_revision_version` ON `scenario_revision` (`scenario_id`,`version`);