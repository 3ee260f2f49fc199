-- CreateEnum
CREATE TYPE "transcript_status" AS ENUM ('queued', 'running', 'ready', 'failed');

-- CreateEnum
CREATE TYPE "transcript_source" AS ENUM ('recording', 'upload', 'captions');

-- CreateEnum
CREATE TYPE "search_kind" AS ENUM ('session', 'agenda', 'question', 'sentence');

-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "current_agenda_item_id" UUID;

-- CreateTable
CREATE TABLE "transcripts" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "source" "transcript_source" NOT NULL,
    "status" "transcript_status" NOT NULL DEFAULT 'queued',
    "language" TEXT NOT NULL DEFAULT 'cs',
    "engine" TEXT,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "eta_seconds" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "transcripts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "transcript_segments" (
    "id" UUID NOT NULL,
    "transcript_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "start_ms" INTEGER NOT NULL,
    "end_ms" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "speaker_name" TEXT,
    "official_id" UUID,
    "edited" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "transcript_segments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chapters" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "agenda_item_id" UUID,
    "title" TEXT NOT NULL,
    "start_ms" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chapters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "search_documents" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "kind" "search_kind" NOT NULL,
    "source_id" UUID NOT NULL,
    "start_ms" INTEGER,
    "speaker" TEXT,
    "text" TEXT NOT NULL,
    "search_text" TEXT NOT NULL,
    "session_kind" "session_kind" NOT NULL,
    "session_date" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "search_documents_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "transcripts_session_id_key" ON "transcripts"("session_id");

-- CreateIndex
CREATE INDEX "transcripts_status_lease_until_idx" ON "transcripts"("status", "lease_until");

-- CreateIndex
CREATE INDEX "transcript_segments_official_id_idx" ON "transcript_segments"("official_id");

-- CreateIndex
CREATE UNIQUE INDEX "transcript_segments_transcript_id_position_key" ON "transcript_segments"("transcript_id", "position");

-- CreateIndex
CREATE INDEX "chapters_session_id_start_ms_idx" ON "chapters"("session_id", "start_ms");

-- CreateIndex
CREATE INDEX "chapters_agenda_item_id_idx" ON "chapters"("agenda_item_id");

-- CreateIndex
CREATE INDEX "search_documents_session_id_idx" ON "search_documents"("session_id");

-- CreateIndex
CREATE INDEX "search_documents_session_date_idx" ON "search_documents"("session_date");

-- CreateIndex
CREATE UNIQUE INDEX "search_documents_kind_source_id_key" ON "search_documents"("kind", "source_id");

-- CreateIndex
CREATE INDEX "sessions_current_agenda_item_id_idx" ON "sessions"("current_agenda_item_id");

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_current_agenda_item_id_fkey" FOREIGN KEY ("current_agenda_item_id") REFERENCES "agenda_items"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transcripts" ADD CONSTRAINT "transcripts_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transcript_segments" ADD CONSTRAINT "transcript_segments_transcript_id_fkey" FOREIGN KEY ("transcript_id") REFERENCES "transcripts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transcript_segments" ADD CONSTRAINT "transcript_segments_official_id_fkey" FOREIGN KEY ("official_id") REFERENCES "officials"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chapters" ADD CONSTRAINT "chapters_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chapters" ADD CONSTRAINT "chapters_agenda_item_id_fkey" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_items"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Full-text search over the app-normalized Czech text. The vector is stored (computed once per
-- row, not per hit and query: ranking a common word touches tens of thousands of rows) and
-- written by PostgreSQL itself; Prisma declares the column but cannot declare its generation.
ALTER TABLE "search_documents" ADD COLUMN "search_vector" tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', "search_text")) STORED;
CREATE INDEX "search_documents_search_idx" ON "search_documents" USING GIN ("search_vector");
