CREATE TABLE "dispatch_settings" (
	"secretariat_id" uuid PRIMARY KEY NOT NULL,
	"extra_recipients" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reminder_days" integer DEFAULT 5 NOT NULL,
	"term_reminder_days" integer DEFAULT 30 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "minutes_dispatch_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dispatch_id" uuid NOT NULL,
	"to_address" text NOT NULL,
	"outbox_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "minutes_dispatch_items" (
	"dispatch_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	CONSTRAINT "minutes_dispatch_items_dispatch_id_version_id_pk" PRIMARY KEY("dispatch_id","version_id")
);
--> statement-breakpoint
CREATE TABLE "minutes_dispatches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"secretariat_id" uuid NOT NULL,
	"month" text NOT NULL,
	"sent_by" uuid,
	"sent_by_name" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scheduled_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"secretariat_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"member_id" uuid NOT NULL,
	"outbox_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "member_notices" ADD COLUMN "detail" text;--> statement-breakpoint
ALTER TABLE "dispatch_settings" ADD CONSTRAINT "dispatch_settings_secretariat_id_secretariats_id_fk" FOREIGN KEY ("secretariat_id") REFERENCES "public"."secretariats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_dispatch_deliveries" ADD CONSTRAINT "minutes_dispatch_deliveries_dispatch_id_minutes_dispatches_id_fk" FOREIGN KEY ("dispatch_id") REFERENCES "public"."minutes_dispatches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_dispatch_deliveries" ADD CONSTRAINT "minutes_dispatch_deliveries_outbox_id_outbox_messages_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_dispatch_items" ADD CONSTRAINT "minutes_dispatch_items_dispatch_id_minutes_dispatches_id_fk" FOREIGN KEY ("dispatch_id") REFERENCES "public"."minutes_dispatches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_dispatch_items" ADD CONSTRAINT "minutes_dispatch_items_version_id_minutes_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."minutes_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_dispatches" ADD CONSTRAINT "minutes_dispatches_secretariat_id_secretariats_id_fk" FOREIGN KEY ("secretariat_id") REFERENCES "public"."secretariats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_dispatches" ADD CONSTRAINT "minutes_dispatches_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_reminders" ADD CONSTRAINT "scheduled_reminders_secretariat_id_secretariats_id_fk" FOREIGN KEY ("secretariat_id") REFERENCES "public"."secretariats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_reminders" ADD CONSTRAINT "scheduled_reminders_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_reminders" ADD CONSTRAINT "scheduled_reminders_outbox_id_outbox_messages_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "minutes_dispatch_deliveries_dispatch_idx" ON "minutes_dispatch_deliveries" USING btree ("dispatch_id");--> statement-breakpoint
CREATE INDEX "minutes_dispatch_items_version_idx" ON "minutes_dispatch_items" USING btree ("version_id");--> statement-breakpoint
CREATE INDEX "minutes_dispatches_secretariat_idx" ON "minutes_dispatches" USING btree ("secretariat_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "scheduled_reminders_once_idx" ON "scheduled_reminders" USING btree ("kind","key","member_id");--> statement-breakpoint
CREATE INDEX "scheduled_reminders_secretariat_idx" ON "scheduled_reminders" USING btree ("secretariat_id");