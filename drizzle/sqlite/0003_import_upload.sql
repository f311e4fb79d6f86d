CREATE TABLE `import_upload` (
	`id` text PRIMARY KEY NOT NULL,
	`partnership_id` text NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`bytes` blob NOT NULL,
	`zones_file_name` text,
	`zones_bytes` blob,
	`options` text DEFAULT '{}' NOT NULL,
	`expires_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnership`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_upload_expires` ON `import_upload` (`expires_at`);