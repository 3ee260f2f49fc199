-- CreateEnum
CREATE TYPE "stage_request_status" AS ENUM ('waiting', 'accepted', 'declined', 'withdrawn', 'done');

-- CreateTable
CREATE TABLE "stage_requests" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "participant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "status" "stage_request_status" NOT NULL DEFAULT 'waiting',
    "decline_reason" TEXT,
    "decided_by_id" UUID,
    "started_at" TIMESTAMPTZ(3),
    "ends_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "muted" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stage_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "stage_requests_session_id_status_created_at_idx" ON "stage_requests"("session_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "stage_requests_status_ends_at_idx" ON "stage_requests"("status", "ends_at");

-- CreateIndex
CREATE INDEX "stage_requests_participant_id_idx" ON "stage_requests"("participant_id");

-- CreateIndex
CREATE INDEX "stage_requests_decided_by_id_idx" ON "stage_requests"("decided_by_id");

-- AddForeignKey
ALTER TABLE "stage_requests" ADD CONSTRAINT "stage_requests_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stage_requests" ADD CONSTRAINT "stage_requests_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stage_requests" ADD CONSTRAINT "stage_requests_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "staff_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
