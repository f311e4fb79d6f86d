ALTER TABLE `partnership` ADD `examples_seeded_at` text;--> statement-breakpoint
ALTER TABLE `scenario` ADD `example` text;