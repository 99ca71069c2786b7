CREATE TYPE "public"."adaptation_method" AS ENUM('style-memory');--> statement-breakpoint
CREATE TYPE "public"."adaptation_status" AS ENUM('building', 'ready', 'failed');--> statement-breakpoint
CREATE TABLE "adaptation_sources" (
	"adaptation_id" text NOT NULL,
	"piece_id" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "adaptation_sources_adaptation_id_piece_id_pk" PRIMARY KEY("adaptation_id","piece_id")
);
--> statement-breakpoint
CREATE TABLE "adaptations" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"name" text NOT NULL,
	"method" "adaptation_method" NOT NULL,
	"version" integer NOT NULL,
	"status" "adaptation_status" DEFAULT 'building' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"error" text,
	"artifact" jsonb,
	"fingerprint" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "adaptations_owner_name_version" UNIQUE("owner_id","name","version")
);
--> statement-breakpoint
ALTER TABLE "adaptation_sources" ADD CONSTRAINT "adaptation_sources_adaptation_id_adaptations_id_fk" FOREIGN KEY ("adaptation_id") REFERENCES "public"."adaptations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adaptations" ADD CONSTRAINT "adaptations_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "adaptation_sources_piece_idx" ON "adaptation_sources" USING btree ("piece_id");--> statement-breakpoint
CREATE INDEX "adaptations_owner_idx" ON "adaptations" USING btree ("owner_id");