CREATE TABLE "action_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"secretariat_id" uuid NOT NULL,
	"title" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commitment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"starts_on" date NOT NULL,
	"due_on" date NOT NULL,
	"weight" integer DEFAULT 1 NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_commitment_agreements" (
	"commitment_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	CONSTRAINT "plan_commitment_agreements_commitment_id_agreement_id_pk" PRIMARY KEY("commitment_id","agreement_id")
);
--> statement-breakpoint
CREATE TABLE "plan_commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"objective" text DEFAULT '' NOT NULL,
	"institution" text DEFAULT '' NOT NULL,
	"responsible_member_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"url" text,
	"stored_name" text,
	"content_type" text,
	"size" integer,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_progress_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"progress" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"source" text DEFAULT 'form' NOT NULL,
	"reported_by" uuid,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_secretariat_id_secretariats_id_fk" FOREIGN KEY ("secretariat_id") REFERENCES "public"."secretariats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_activities" ADD CONSTRAINT "plan_activities_commitment_id_plan_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."plan_commitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_commitment_agreements" ADD CONSTRAINT "plan_commitment_agreements_commitment_id_plan_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."plan_commitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_commitment_agreements" ADD CONSTRAINT "plan_commitment_agreements_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_commitments" ADD CONSTRAINT "plan_commitments_plan_id_action_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."action_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_commitments" ADD CONSTRAINT "plan_commitments_responsible_member_id_members_id_fk" FOREIGN KEY ("responsible_member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_evidence" ADD CONSTRAINT "plan_evidence_activity_id_plan_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."plan_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_evidence" ADD CONSTRAINT "plan_evidence_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_progress_updates" ADD CONSTRAINT "plan_progress_updates_activity_id_plan_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."plan_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_progress_updates" ADD CONSTRAINT "plan_progress_updates_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_plans_secretariat_idx" ON "action_plans" USING btree ("secretariat_id","starts_on");--> statement-breakpoint
CREATE INDEX "plan_activities_commitment_idx" ON "plan_activities" USING btree ("commitment_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_commitments_number_idx" ON "plan_commitments" USING btree ("plan_id","number");--> statement-breakpoint
CREATE INDEX "plan_evidence_activity_idx" ON "plan_evidence" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "plan_progress_updates_activity_idx" ON "plan_progress_updates" USING btree ("activity_id","reported_at");