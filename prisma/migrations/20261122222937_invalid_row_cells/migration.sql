-- AlterTable
ALTER TABLE "InvalidRow" ADD COLUMN     "cells" JSONB;
