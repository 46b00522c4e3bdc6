CREATE TABLE "communiques" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"secretariat_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"secretariat_id" uuid NOT NULL,
	"meeting_id" uuid,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"mime_type" text NOT NULL,
	"extension" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"has_thumbnail" boolean DEFAULT false NOT NULL,
	"published" boolean DEFAULT true NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "join_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"secretariat_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"organisation" text DEFAULT '' NOT NULL,
	"motivation" text DEFAULT '' NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_contacts" (
	"secretariat_id" uuid PRIMARY KEY NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"hours" text DEFAULT '' NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"secretariat_id" uuid NOT NULL,
	"title" text NOT NULL,
	"url" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"secretariat_id" uuid NOT NULL,
	"tracking_number" text NOT NULL,
	"kind" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"message" text NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "public_consent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "communiques" ADD CONSTRAINT "communiques_secretariat_id_secretariats_id_fk" FOREIGN KEY ("secretariat_id") REFERENCES "public"."secretariats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_secretariat_id_secretariats_id_fk" FOREIGN KEY ("secretariat_id") REFERENCES "public"."secretariats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "join_requests" ADD CONSTRAINT "join_requests_secretariat_id_secretariats_id_fk" FOREIGN KEY ("secretariat_id") REFERENCES "public"."secretariats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_contacts" ADD CONSTRAINT "public_contacts_secretariat_id_secretariats_id_fk" FOREIGN KEY ("secretariat_id") REFERENCES "public"."secretariats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_links" ADD CONSTRAINT "public_links_secretariat_id_secretariats_id_fk" FOREIGN KEY ("secretariat_id") REFERENCES "public"."secretariats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_requests" ADD CONSTRAINT "public_requests_secretariat_id_secretariats_id_fk" FOREIGN KEY ("secretariat_id") REFERENCES "public"."secretariats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_requests" ADD CONSTRAINT "public_requests_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "communiques_secretariat_idx" ON "communiques" USING btree ("secretariat_id","published_at");--> statement-breakpoint
CREATE INDEX "evidence_files_secretariat_idx" ON "evidence_files" USING btree ("secretariat_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "join_requests_token_idx" ON "join_requests" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "join_requests_secretariat_idx" ON "join_requests" USING btree ("secretariat_id","created_at");--> statement-breakpoint
CREATE INDEX "public_links_secretariat_idx" ON "public_links" USING btree ("secretariat_id","sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "public_requests_tracking_idx" ON "public_requests" USING btree ("tracking_number");--> statement-breakpoint
CREATE INDEX "public_requests_secretariat_idx" ON "public_requests" USING btree ("secretariat_id","created_at");