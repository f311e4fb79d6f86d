-- The audit log is append only: the database itself refuses to change or remove a row.
CREATE TRIGGER `audit_event_no_update` BEFORE UPDATE ON `audit_event`
BEGIN
	SELECT RAISE(ABORT, 'The audit log is append only: its rows cannot be changed.');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_event_no_delete` BEFORE DELETE ON `audit_event`
BEGIN
	SELECT RAISE(ABORT, 'The audit log is append only: its rows cannot be deleted.');
END;
