DROP INDEX "author_operations_undoes_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "author_operations_undoes_unique" ON "author_operations" USING btree ("undoes");