-- The note ledger is append-only: no UPDATE, no TRUNCATE, and no DELETE except the cascade from deleting
-- the piece itself (by then the piece row is gone, which is how the trigger tells the two apart).
CREATE FUNCTION note_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM pieces WHERE id = OLD.piece_id) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'note_ledger is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER note_ledger_no_update_delete BEFORE UPDATE OR DELETE ON note_ledger
  FOR EACH ROW EXECUTE FUNCTION note_ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER note_ledger_no_truncate BEFORE TRUNCATE ON note_ledger
  FOR EACH STATEMENT EXECUTE FUNCTION note_ledger_append_only();
