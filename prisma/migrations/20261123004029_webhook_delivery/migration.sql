-- CreateEnum
CREATE TYPE "DeliveryState" AS ENUM ('pending', 'delivering', 'delivered', 'partial', 'skipped');

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobDelivery" (
    "jobId" UUID NOT NULL,
    "endpointId" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "rateLimit" DOUBLE PRECISION,
    "retryDelaysMs" INTEGER[],
    "state" "DeliveryState" NOT NULL DEFAULT 'pending',
    "total" INTEGER NOT NULL DEFAULT 0,
    "currentRate" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "nextSendAtMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "JobDelivery_pkey" PRIMARY KEY ("jobId")
);

-- CreateTable
CREATE TABLE "DeliveryBatch" (
    "jobId" UUID NOT NULL,
    "index" INTEGER NOT NULL,
    "delivered" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DeliveryBatch_pkey" PRIMARY KEY ("jobId","index")
);

-- CreateTable
CREATE TABLE "FailedDelivery" (
    "jobId" UUID NOT NULL,
    "recordIndex" INTEGER NOT NULL,
    "attempts" INTEGER NOT NULL,
    "lastStatus" INTEGER,
    "lastError" TEXT NOT NULL,
    "failedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "FailedDelivery_pkey" PRIMARY KEY ("jobId","recordIndex")
);

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEndpoint_url_key" ON "WebhookEndpoint"("url");

-- CreateIndex
CREATE INDEX "FailedDelivery_jobId_deliveredAt_idx" ON "FailedDelivery"("jobId", "deliveredAt");

-- AddForeignKey
ALTER TABLE "JobDelivery" ADD CONSTRAINT "JobDelivery_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobDelivery" ADD CONSTRAINT "JobDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliveryBatch" ADD CONSTRAINT "DeliveryBatch_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "JobDelivery"("jobId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FailedDelivery" ADD CONSTRAINT "FailedDelivery_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "JobDelivery"("jobId") ON DELETE CASCADE ON UPDATE CASCADE;
