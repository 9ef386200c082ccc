-- 0013 webhooks: administrators' subscriptions of an address to claim events, and one delivery per webhook and
-- event, linked to the outbox row (kind 'webhook') that carries its body, attempts and status.
CREATE TABLE "webhooks" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_webhooks" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "protected_secret" TEXT NOT NULL,
    "events" TEXT NOT NULL,
    "enabled" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);

CREATE TABLE "webhook_deliveries" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_webhook_deliveries" PRIMARY KEY AUTOINCREMENT,
    "webhook_id" INTEGER NOT NULL,
    "outbox_message_id" INTEGER NOT NULL,
    "event" TEXT NOT NULL,
    "claim_id" INTEGER NOT NULL,
    "claim_number" TEXT NOT NULL,
    "last_http_status" INTEGER NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_webhook_deliveries_outbox_messages_outbox_message_id" FOREIGN KEY ("outbox_message_id") REFERENCES "outbox_messages" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_webhook_deliveries_webhooks_webhook_id" FOREIGN KEY ("webhook_id") REFERENCES "webhooks" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_webhook_deliveries_outbox_message_id" ON "webhook_deliveries" ("outbox_message_id");

CREATE INDEX "ix_webhook_deliveries_webhook_id_id" ON "webhook_deliveries" ("webhook_id", "id");
