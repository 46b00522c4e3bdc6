CREATE TABLE "removal_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"secretariat_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"seat_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'gathering' NOT NULL,
	"meeting_id" uuid,
	"proposed_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "removal_supports" (
	"proposal_id" uuid NOT NULL,
	"seat_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "attendance_meeting_member_idx";--> statement-breakpoint
ALTER TABLE "attendance" ADD COLUMN "checked_out_by" uuid;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "motions" ADD COLUMN "removal_proposal_id" uuid;--> statement-breakpoint
ALTER TABLE "quorum_log" ADD COLUMN "motion_id" uuid;--> statement-breakpoint
ALTER TABLE "quorum_log" ADD COLUMN "motion_event" text;--> statement-breakpoint
ALTER TABLE "removal_proposals" ADD CONSTRAINT "removal_proposals_secretariat_id_secretariats_id_fk" FOREIGN KEY ("secretariat_id") REFERENCES "public"."secretariats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "removal_proposals" ADD CONSTRAINT "removal_proposals_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "removal_proposals" ADD CONSTRAINT "removal_proposals_seat_id_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."seats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "removal_proposals" ADD CONSTRAINT "removal_proposals_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "removal_proposals" ADD CONSTRAINT "removal_proposals_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "removal_supports" ADD CONSTRAINT "removal_supports_proposal_id_removal_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."removal_proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "removal_supports" ADD CONSTRAINT "removal_supports_seat_id_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."seats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "removal_supports" ADD CONSTRAINT "removal_supports_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "removal_proposals_secretariat_idx" ON "removal_proposals" USING btree ("secretariat_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "removal_proposals_open_idx" ON "removal_proposals" USING btree ("member_id") WHERE "removal_proposals"."status" in ('gathering', 'scheduled');--> statement-breakpoint
CREATE UNIQUE INDEX "removal_supports_seat_idx" ON "removal_supports" USING btree ("proposal_id","seat_id");--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_checked_out_by_users_id_fk" FOREIGN KEY ("checked_out_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_removal_proposal_id_removal_proposals_id_fk" FOREIGN KEY ("removal_proposal_id") REFERENCES "public"."removal_proposals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quorum_log" ADD CONSTRAINT "quorum_log_motion_id_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."motions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attendance_meeting_idx" ON "attendance" USING btree ("meeting_id","checked_in_at");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_present_idx" ON "attendance" USING btree ("meeting_id","member_id") WHERE "attendance"."checked_out_at" is null;