CREATE TABLE "efirma_identities" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"rfc" text NOT NULL,
	"curp" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "efirma_preparations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"base_sha256" text NOT NULL,
	"pdf" "bytea" NOT NULL,
	"digest" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "efirma_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"pdf" "bytea" NOT NULL,
	"pdf_sha256" text NOT NULL,
	"certificate" "bytea" NOT NULL,
	"certificate_serial" text NOT NULL,
	"signer_name" text NOT NULL,
	"rfc" text NOT NULL,
	"curp" text NOT NULL,
	"timestamped_at" timestamp with time zone,
	"signed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "efirma_identities" ADD CONSTRAINT "efirma_identities_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "efirma_identities" ADD CONSTRAINT "efirma_identities_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "efirma_preparations" ADD CONSTRAINT "efirma_preparations_version_id_minutes_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."minutes_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "efirma_preparations" ADD CONSTRAINT "efirma_preparations_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "efirma_signatures" ADD CONSTRAINT "efirma_signatures_version_id_minutes_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."minutes_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "efirma_signatures" ADD CONSTRAINT "efirma_signatures_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "efirma_preparations_version_member_idx" ON "efirma_preparations" USING btree ("version_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "efirma_signatures_version_member_idx" ON "efirma_signatures" USING btree ("version_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "efirma_signatures_version_position_idx" ON "efirma_signatures" USING btree ("version_id","position");--> statement-breakpoint
CREATE INDEX "efirma_signatures_sha_idx" ON "efirma_signatures" USING btree ("pdf_sha256");