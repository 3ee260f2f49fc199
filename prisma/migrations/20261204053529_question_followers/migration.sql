-- CreateTable
CREATE TABLE "question_followers" (
    "id" UUID NOT NULL,
    "question_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "confirmed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "question_followers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "question_followers_token_hash_key" ON "question_followers"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "question_followers_question_id_email_key" ON "question_followers"("question_id", "email");

-- AddForeignKey
ALTER TABLE "question_followers" ADD CONSTRAINT "question_followers_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
