CREATE TYPE "public"."author_operation_kind" AS ENUM('remove-model-untouched', 'revert-author', 'undo');--> statement-breakpoint
ALTER TYPE "public"."member_role" ADD VALUE 'reviewer' BEFORE 'viewer';--> statement-breakpoint
CREATE TABLE "author_operations" (
	"id" text PRIMARY KEY NOT NULL,
	"piece_id" text NOT NULL,
	"kind" "author_operation_kind" NOT NULL,
	"actor_id" text NOT NULL,
	"params" jsonb NOT NULL,
	"label" text NOT NULL,
	"undoes" text,
	"planned" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "comments" (
	"id" text PRIMARY KEY NOT NULL,
	"piece_id" text NOT NULL,
	"author_id" text NOT NULL,
	"start_bar" integer NOT NULL,
	"end_bar" integer NOT NULL,
	"note_id" text,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_by" text,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "note_ledger" ADD COLUMN "operation_id" text;--> statement-breakpoint
ALTER TABLE "author_operations" ADD CONSTRAINT "author_operations_piece_id_pieces_id_fk" FOREIGN KEY ("piece_id") REFERENCES "public"."pieces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "author_operations" ADD CONSTRAINT "author_operations_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "author_operations" ADD CONSTRAINT "author_operations_undoes_author_operations_id_fk" FOREIGN KEY ("undoes") REFERENCES "public"."author_operations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_piece_id_pieces_id_fk" FOREIGN KEY ("piece_id") REFERENCES "public"."pieces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "author_operations_piece_idx" ON "author_operations" USING btree ("piece_id","created_at");--> statement-breakpoint
CREATE INDEX "author_operations_undoes_idx" ON "author_operations" USING btree ("undoes");--> statement-breakpoint
CREATE INDEX "comments_piece_idx" ON "comments" USING btree ("piece_id","created_at");--> statement-breakpoint
ALTER TABLE "note_ledger" ADD CONSTRAINT "note_ledger_operation_id_author_operations_id_fk" FOREIGN KEY ("operation_id") REFERENCES "public"."author_operations"("id") ON DELETE no action ON UPDATE no action;