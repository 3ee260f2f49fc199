-- The board list, newest first: a page read backwards from this index instead of sorting
-- every public question of the board.
CREATE INDEX "questions_session_id_created_at_id_idx" ON "questions"("session_id", "created_at", "id");
