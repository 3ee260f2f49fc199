-- CreateEnum
CREATE TYPE "poll_kind" AS ENUM ('single', 'multiple', 'rating', 'word_cloud', 'yes_no');

-- CreateEnum
CREATE TYPE "poll_status" AS ENUM ('draft', 'open', 'closed');

-- CreateEnum
CREATE TYPE "poll_results_visibility" AS ENUM ('live', 'after_close', 'hidden');

-- CreateTable
CREATE TABLE "polls" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "agenda_item_id" UUID,
    "kind" "poll_kind" NOT NULL,
    "question" TEXT NOT NULL,
    "status" "poll_status" NOT NULL DEFAULT 'draft',
    "results_visibility" "poll_results_visibility" NOT NULL DEFAULT 'live',
    "allow_change" BOOLEAN NOT NULL DEFAULT false,
    "max_choices" INTEGER,
    "scale_min" INTEGER,
    "scale_max" INTEGER,
    "position" INTEGER NOT NULL DEFAULT 0,
    "opened_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "final_results" JSONB,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "polls_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "poll_options" (
    "id" UUID NOT NULL,
    "poll_id" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "poll_options_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "poll_votes" (
    "poll_id" UUID NOT NULL,
    "participant_id" UUID NOT NULL,
    "option_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "rating" INTEGER,
    "words" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "word_keys" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "ip_hash" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "poll_votes_pkey" PRIMARY KEY ("poll_id","participant_id")
);

-- CreateIndex
CREATE INDEX "polls_session_id_status_idx" ON "polls"("session_id", "status");

-- CreateIndex
CREATE INDEX "polls_agenda_item_id_idx" ON "polls"("agenda_item_id");

-- CreateIndex
CREATE INDEX "polls_created_by_id_idx" ON "polls"("created_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "poll_options_poll_id_position_key" ON "poll_options"("poll_id", "position");

-- CreateIndex
CREATE INDEX "poll_votes_participant_id_idx" ON "poll_votes"("participant_id");

-- AddForeignKey
ALTER TABLE "polls" ADD CONSTRAINT "polls_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "polls" ADD CONSTRAINT "polls_agenda_item_id_fkey" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_items"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "polls" ADD CONSTRAINT "polls_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "poll_options" ADD CONSTRAINT "poll_options_poll_id_fkey" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "poll_votes" ADD CONSTRAINT "poll_votes_poll_id_fkey" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "poll_votes" ADD CONSTRAINT "poll_votes_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The database keeps ballots in shape even if the app's validation were bypassed.
ALTER TABLE "poll_votes" ADD CONSTRAINT "poll_votes_rating_range" CHECK ("rating" IS NULL OR "rating" BETWEEN 0 AND 10);
ALTER TABLE "poll_votes" ADD CONSTRAINT "poll_votes_words_limit" CHECK (cardinality("words") <= 3);
ALTER TABLE "poll_options" ADD CONSTRAINT "poll_options_position_range" CHECK ("position" BETWEEN 0 AND 11);
