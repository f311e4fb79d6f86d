CREATE TABLE `decision_record` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partnership_id` text NOT NULL,
	`saved_comparison_id` integer,
	`title` text NOT NULL,
	`presented_on` text NOT NULL,
	`snapshot` text NOT NULL,
	`content_sha256` text NOT NULL,
	`frozen_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnership`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`saved_comparison_id`) REFERENCES `saved_comparison`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `decision_record_partnership` ON `decision_record` (`partnership_id`);--> statement-breakpoint
CREATE TABLE `saved_comparison` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partnership_id` text NOT NULL,
	`title` text NOT NULL,
	`link_ids` text NOT NULL,
	`service_code` text,
	`recommendation` text DEFAULT '' NOT NULL,
	`rationale` text DEFAULT '' NOT NULL,
	`author` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnership`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `saved_comparison_partnership` ON `saved_comparison` (`partnership_id`);