CREATE TABLE "piece_invite_uses" (
	"token" text NOT NULL,
	"user_id" text NOT NULL,
	"used_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "piece_invite_uses_token_user_id_pk" PRIMARY KEY("token","user_id")
);
--> statement-breakpoint
ALTER TABLE "piece_invites" ADD COLUMN "max_uses" integer;--> statement-breakpoint
ALTER TABLE "piece_invites" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "piece_invite_uses" ADD CONSTRAINT "piece_invite_uses_token_piece_invites_token_fk" FOREIGN KEY ("token") REFERENCES "public"."piece_invites"("token") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "piece_invite_uses" ADD CONSTRAINT "piece_invite_uses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "piece_invite_uses_user_idx" ON "piece_invite_uses" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "piece_invites_piece_idx" ON "piece_invites" USING btree ("piece_id");--> statement-breakpoint
ALTER TABLE "piece_invites" ADD CONSTRAINT "piece_invites_max_uses_positive" CHECK ("piece_invites"."max_uses" > 0);