-- CreateEnum
CREATE TYPE "recording_track" AS ENUM ('program', 'stage');

-- AlterTable
ALTER TABLE "recording_segments" ADD COLUMN     "track" "recording_track" NOT NULL DEFAULT 'program';
