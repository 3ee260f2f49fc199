-- DropIndex
DROP INDEX "sessions_series_id_scheduled_start_key";

-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "occurrence_start" TIMESTAMPTZ(3);

-- Backfill: existing sessions of a series were created at their rule's start.
UPDATE "sessions" SET "occurrence_start" = "scheduled_start" WHERE "series_id" IS NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "sessions_series_id_occurrence_start_key" ON "sessions"("series_id", "occurrence_start");
