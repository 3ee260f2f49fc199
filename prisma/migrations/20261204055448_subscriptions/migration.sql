-- CreateEnum
CREATE TYPE "session_notice_kind" AS ENUM ('reminder_24h', 'reminder_1h', 'live', 'recording');

-- CreateEnum
CREATE TYPE "announcement_status" AS ENUM ('scheduled', 'sent', 'cancelled');

-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "neighbourhood_id" UUID;

-- CreateTable
CREATE TABLE "subscriptions" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "confirmed_at" TIMESTAMPTZ(3),
    "topic_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "neighbourhood_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "kinds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "wants_reminders" BOOLEAN NOT NULL DEFAULT true,
    "wants_live" BOOLEAN NOT NULL DEFAULT true,
    "wants_recording" BOOLEAN NOT NULL DEFAULT true,
    "wants_announcements" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subscription_tokens" (
    "id" UUID NOT NULL,
    "subscription_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subscription_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session_notices" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "kind" "session_notice_kind" NOT NULL,
    "session_start" TIMESTAMPTZ(3) NOT NULL,
    "recipients" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "session_notices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "announcements" (
    "id" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "topic_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "neighbourhood_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "send_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "announcement_status" NOT NULL DEFAULT 'scheduled',
    "recipients" INTEGER,
    "sent_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "announcements_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "subscriptions_email_key" ON "subscriptions"("email");

-- CreateIndex
CREATE INDEX "subscriptions_confirmed_at_updated_at_idx" ON "subscriptions"("confirmed_at", "updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "subscription_tokens_token_hash_key" ON "subscription_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "subscription_tokens_subscription_id_idx" ON "subscription_tokens"("subscription_id");

-- CreateIndex
CREATE UNIQUE INDEX "session_notices_session_id_kind_session_start_key" ON "session_notices"("session_id", "kind", "session_start");

-- CreateIndex
CREATE INDEX "announcements_status_send_at_idx" ON "announcements"("status", "send_at");

-- CreateIndex
CREATE INDEX "announcements_send_at_idx" ON "announcements"("send_at");

-- CreateIndex
CREATE INDEX "announcements_created_by_id_idx" ON "announcements"("created_by_id");

-- CreateIndex
CREATE INDEX "sessions_neighbourhood_id_idx" ON "sessions"("neighbourhood_id");

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_neighbourhood_id_fkey" FOREIGN KEY ("neighbourhood_id") REFERENCES "neighbourhoods"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscription_tokens" ADD CONSTRAINT "subscription_tokens_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "subscriptions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_notices" ADD CONSTRAINT "session_notices_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
