-- AlterTable
ALTER TABLE "questions" ADD COLUMN     "promoted_from_id" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "questions_promoted_from_id_key" ON "questions"("promoted_from_id");

-- AddForeignKey
ALTER TABLE "questions" ADD CONSTRAINT "questions_promoted_from_id_fkey" FOREIGN KEY ("promoted_from_id") REFERENCES "questions"("id") ON DELETE SET NULL ON UPDATE CASCADE;
