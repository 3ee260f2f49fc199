-- AlterEnum
ALTER TYPE "session_kind" ADD VALUE 'board';

-- AlterEnum
ALTER TYPE "staff_role" ADD VALUE 'clerk';

-- AlterTable
ALTER TABLE "questions" ADD COLUMN     "neighbourhood_id" UUID,
ADD COLUMN     "topic_id" UUID;

-- CreateTable
CREATE TABLE "topics" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "department_id" UUID,

    CONSTRAINT "topics_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "neighbourhoods" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "neighbourhoods_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "question_routings" (
    "id" UUID NOT NULL,
    "question_id" UUID NOT NULL,
    "department_id" UUID,
    "from_department_id" UUID,
    "note" TEXT NOT NULL DEFAULT '',
    "by_staff_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "question_routings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "topics_slug_key" ON "topics"("slug");

-- CreateIndex
CREATE INDEX "topics_department_id_idx" ON "topics"("department_id");

-- CreateIndex
CREATE UNIQUE INDEX "neighbourhoods_slug_key" ON "neighbourhoods"("slug");

-- CreateIndex
CREATE INDEX "question_routings_question_id_created_at_idx" ON "question_routings"("question_id", "created_at");

-- CreateIndex
CREATE INDEX "question_routings_department_id_idx" ON "question_routings"("department_id");

-- CreateIndex
CREATE INDEX "questions_department_id_status_idx" ON "questions"("department_id", "status");

-- CreateIndex
CREATE INDEX "questions_topic_id_idx" ON "questions"("topic_id");

-- CreateIndex
CREATE INDEX "questions_neighbourhood_id_idx" ON "questions"("neighbourhood_id");

-- AddForeignKey
ALTER TABLE "questions" ADD CONSTRAINT "questions_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "topics"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questions" ADD CONSTRAINT "questions_neighbourhood_id_fkey" FOREIGN KEY ("neighbourhood_id") REFERENCES "neighbourhoods"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "topics" ADD CONSTRAINT "topics_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "question_routings" ADD CONSTRAINT "question_routings_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "question_routings" ADD CONSTRAINT "question_routings_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "question_routings" ADD CONSTRAINT "question_routings_from_department_id_fkey" FOREIGN KEY ("from_department_id") REFERENCES "departments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "question_routings" ADD CONSTRAINT "question_routings_by_staff_id_fkey" FOREIGN KEY ("by_staff_id") REFERENCES "staff_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

