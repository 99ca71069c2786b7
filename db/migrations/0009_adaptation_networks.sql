ALTER TYPE "public"."adaptation_method" ADD VALUE 'fine-tune';--> statement-breakpoint
CREATE TABLE "adaptation_networks" (
	"adaptation_id" text PRIMARY KEY NOT NULL,
	"patch" "bytea" NOT NULL,
	"fingerprint" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "adaptation_networks" ADD CONSTRAINT "adaptation_networks_adaptation_id_adaptations_id_fk" FOREIGN KEY ("adaptation_id") REFERENCES "public"."adaptations"("id") ON DELETE cascade ON UPDATE no action;