-- Rate-limit counters shared by every instance when no Redis is configured (one row per limit and
-- caller, a fixed window). UNLOGGED: counters are worth no WAL, and losing them in a crash only
-- restarts the windows.
CREATE UNLOGGED TABLE "rate_limit_counters" (
    "key" TEXT NOT NULL,
    "hits" INTEGER NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_limit_counters_pkey" PRIMARY KEY ("key")
);

CREATE INDEX "rate_limit_counters_expires_at_idx" ON "rate_limit_counters"("expires_at");
