CREATE TABLE "members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"secretariat_id" uuid NOT NULL,
	"role" text NOT NULL,
	"seat_id" uuid,
	"user_id" uuid,
	"name" text NOT NULL,
	"position" text DEFAULT '' NOT NULL,
	"email" text NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"term_starts_on" date,
	"term_ends_on" date,
	"reelections" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"secretariat_id" uuid NOT NULL,
	"key" text NOT NULL,
	"sector" text NOT NULL,
	"organisation" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "secretariats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"preset_id" text,
	"rules" jsonb NOT NULL,
	"oversight_email" text,
	"installed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "secretariats_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "secretariat_id" uuid;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_secretariat_id_secretariats_id_fk" FOREIGN KEY ("secretariat_id") REFERENCES "public"."secretariats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_seat_id_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."seats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seats" ADD CONSTRAINT "seats_secretariat_id_secretariats_id_fk" FOREIGN KEY ("secretariat_id") REFERENCES "public"."secretariats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "members_secretariat_idx" ON "members" USING btree ("secretariat_id");--> statement-breakpoint
CREATE INDEX "members_user_idx" ON "members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "members_email_idx" ON "members" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "members_seat_role_idx" ON "members" USING btree ("seat_id","role") WHERE "members"."seat_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "members_facilitator_idx" ON "members" USING btree ("secretariat_id") WHERE "members"."role" = 'facilitator';--> statement-breakpoint
CREATE UNIQUE INDEX "seats_secretariat_key_idx" ON "seats" USING btree ("secretariat_id","key");--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_secretariat_id_secretariats_id_fk" FOREIGN KEY ("secretariat_id") REFERENCES "public"."secretariats"("id") ON DELETE cascade ON UPDATE no action;