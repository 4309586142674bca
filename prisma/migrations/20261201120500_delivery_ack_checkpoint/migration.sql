-- Each batch's acknowledged records, stored as acknowledgements arrive (a durable delivery checkpoint).
ALTER TABLE "DeliveryBatch" ADD COLUMN "acked" JSONB NOT NULL DEFAULT '[]';
