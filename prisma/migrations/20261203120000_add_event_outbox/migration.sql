-- The event outbox (issue 14, phase B). A change and its domain event are written in one
-- transaction; the relay stamps committed events with a delivery position (one stamping at a
-- time, under the event_sequence row's lock), so a consumer reading "position > my cursor" never
-- skips an event that committed late with a smaller id. Consumers keep their cursor in
-- event_consumers and advance it in the transaction that does their work.

CREATE TABLE "domain_events" (
    "id" BIGSERIAL NOT NULL,
    "position" BIGINT,
    "type" TEXT NOT NULL,
    "article_id" UUID,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "domain_events_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "domain_events_position_key" ON "domain_events"("position");
CREATE INDEX "domain_events_created_at_idx" ON "domain_events"("created_at");
-- What the relay has still to stamp: small, and read in id order.
CREATE INDEX "domain_events_unsequenced_idx" ON "domain_events"("id") WHERE "position" IS NULL;

CREATE TABLE "event_consumers" (
    "name" TEXT NOT NULL,
    "position" BIGINT NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "retry_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_consumers_pkey" PRIMARY KEY ("name")
);

CREATE TABLE "event_sequence" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "last_position" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "event_sequence_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "event_sequence_one_row" CHECK ("id" = 1)
);

INSERT INTO "event_sequence" ("id", "last_position") VALUES (1, 0);
