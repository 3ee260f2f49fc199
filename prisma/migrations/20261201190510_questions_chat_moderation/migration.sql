-- CreateEnum
CREATE TYPE "question_status" AS ENUM ('pending', 'approved', 'rejected', 'merged', 'answered');

-- CreateEnum
CREATE TYPE "chat_message_status" AS ENUM ('published', 'held', 'hidden');

-- AlterTable
ALTER TABLE "audit_log" ADD COLUMN     "session_id" UUID,
ADD COLUMN     "undone_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "chat_enabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "chat_slow_mode_seconds" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "names_required" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "now_answering_id" UUID,
ADD COLUMN     "pre_moderation" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "questions_open" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "questions" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "participant_id" UUID NOT NULL,
    "author_name" TEXT,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "text" TEXT NOT NULL,
    "agenda_item_id" UUID,
    "status" "question_status" NOT NULL DEFAULT 'pending',
    "reject_reason" TEXT,
    "merged_into_id" UUID,
    "department_id" UUID,
    "answer_text" TEXT,
    "answered_by_id" UUID,
    "answered_at" TIMESTAMPTZ(3),
    "approved_at" TIMESTAMPTZ(3),
    "moderated_by_id" UUID,
    "moderated_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "ip_hash" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "questions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "question_votes" (
    "question_id" UUID NOT NULL,
    "participant_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "question_votes_pkey" PRIMARY KEY ("question_id","participant_id")
);

-- CreateTable
CREATE TABLE "chat_messages" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "participant_id" UUID NOT NULL,
    "author_name" TEXT,
    "staff_user_id" UUID,
    "official_id" UUID,
    "text" TEXT NOT NULL,
    "status" "chat_message_status" NOT NULL DEFAULT 'published',
    "held_for" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "hidden_by_id" UUID,
    "hidden_at" TIMESTAMPTZ(3),
    "ip_hash" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chat_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bans" (
    "id" UUID NOT NULL,
    "session_id" UUID,
    "participant_id" UUID NOT NULL,
    "ip_hash" TEXT,
    "reason" TEXT NOT NULL DEFAULT '',
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lifted_at" TIMESTAMPTZ(3),

    CONSTRAINT "bans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "moderation_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "blocked_words" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "moderation_settings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "questions_session_id_status_idx" ON "questions"("session_id", "status");

-- CreateIndex
CREATE INDEX "questions_participant_id_idx" ON "questions"("participant_id");

-- CreateIndex
CREATE INDEX "questions_agenda_item_id_idx" ON "questions"("agenda_item_id");

-- CreateIndex
CREATE INDEX "questions_merged_into_id_idx" ON "questions"("merged_into_id");

-- CreateIndex
CREATE INDEX "questions_department_id_idx" ON "questions"("department_id");

-- CreateIndex
CREATE INDEX "questions_answered_by_id_idx" ON "questions"("answered_by_id");

-- CreateIndex
CREATE INDEX "questions_moderated_by_id_idx" ON "questions"("moderated_by_id");

-- CreateIndex
CREATE INDEX "question_votes_participant_id_idx" ON "question_votes"("participant_id");

-- CreateIndex
CREATE INDEX "chat_messages_session_id_status_created_at_idx" ON "chat_messages"("session_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "chat_messages_participant_id_idx" ON "chat_messages"("participant_id");

-- CreateIndex
CREATE INDEX "chat_messages_staff_user_id_idx" ON "chat_messages"("staff_user_id");

-- CreateIndex
CREATE INDEX "chat_messages_official_id_idx" ON "chat_messages"("official_id");

-- CreateIndex
CREATE INDEX "chat_messages_hidden_by_id_idx" ON "chat_messages"("hidden_by_id");

-- CreateIndex
CREATE INDEX "bans_session_id_idx" ON "bans"("session_id");

-- CreateIndex
CREATE INDEX "bans_participant_id_idx" ON "bans"("participant_id");

-- CreateIndex
CREATE INDEX "bans_ip_hash_idx" ON "bans"("ip_hash");

-- CreateIndex
CREATE INDEX "bans_created_by_id_idx" ON "bans"("created_by_id");

-- CreateIndex
CREATE INDEX "audit_log_session_id_actor_id_idx" ON "audit_log"("session_id", "actor_id");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_now_answering_id_key" ON "sessions"("now_answering_id");

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_now_answering_id_fkey" FOREIGN KEY ("now_answering_id") REFERENCES "questions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questions" ADD CONSTRAINT "questions_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questions" ADD CONSTRAINT "questions_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questions" ADD CONSTRAINT "questions_agenda_item_id_fkey" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_items"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questions" ADD CONSTRAINT "questions_merged_into_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "questions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questions" ADD CONSTRAINT "questions_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questions" ADD CONSTRAINT "questions_answered_by_id_fkey" FOREIGN KEY ("answered_by_id") REFERENCES "officials"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questions" ADD CONSTRAINT "questions_moderated_by_id_fkey" FOREIGN KEY ("moderated_by_id") REFERENCES "staff_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "question_votes" ADD CONSTRAINT "question_votes_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "question_votes" ADD CONSTRAINT "question_votes_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_staff_user_id_fkey" FOREIGN KEY ("staff_user_id") REFERENCES "staff_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_official_id_fkey" FOREIGN KEY ("official_id") REFERENCES "officials"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_hidden_by_id_fkey" FOREIGN KEY ("hidden_by_id") REFERENCES "staff_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bans" ADD CONSTRAINT "bans_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bans" ADD CONSTRAINT "bans_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bans" ADD CONSTRAINT "bans_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The town-wide settings row, with a default list of Czech profanities and slurs that hold a
-- chat message for review (admins edit it in the admin UI).
INSERT INTO "moderation_settings" ("id", "blocked_words", "updated_at") VALUES (1, ARRAY[
  'kurva', 'kurvo', 'kurevsk', 'píča', 'pičo', 'kokot', 'zmrd', 'debil', 'kretén', 'idiot',
  'hovado', 'hovno', 'sračk', 'sráč', 'prdel', 'čurák', 'mrdat', 'mrdk', 'šukat', 'hajzl',
  'svině', 'buzerant', 'negr', 'cikánsk', 'vyjebat', 'jebat', 'zkurvysyn', 'dement'
]::TEXT[], CURRENT_TIMESTAMP);
