-- One board per installation. Its own migration: a value added to an enum can be used only
-- after the transaction that added it has committed.
CREATE UNIQUE INDEX "sessions_one_board" ON "sessions" ("kind") WHERE "kind" = 'board';
