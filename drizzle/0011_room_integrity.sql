DROP INDEX "attendance_meeting_member_idx";--> statement-breakpoint
ALTER TABLE "attendance" ADD COLUMN "checked_out_by" uuid;--> statement-breakpoint
ALTER TABLE "quorum_log" ADD COLUMN "motion_id" uuid;--> statement-breakpoint
ALTER TABLE "quorum_log" ADD COLUMN "motion_event" text;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_checked_out_by_users_id_fk" FOREIGN KEY ("checked_out_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quorum_log" ADD CONSTRAINT "quorum_log_motion_id_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."motions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attendance_meeting_idx" ON "attendance" USING btree ("meeting_id","checked_in_at");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_present_idx" ON "attendance" USING btree ("meeting_id","member_id") WHERE "attendance"."checked_out_at" is null;