-- 0009 notifications: rules (event × recipients × channel), templates per event, channel and language, and the
-- staff notification centre. SMS travels through outbox_messages (kind 'sms'), which needs no change.
CREATE TABLE "notification_rules" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_notification_rules" PRIMARY KEY AUTOINCREMENT,
    "event" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "role" TEXT NULL,
    "user_id" TEXT NULL,
    "channel" TEXT NOT NULL,
    "enabled" INTEGER NOT NULL,
    CONSTRAINT "fk_notification_rules_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "notification_templates" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_notification_templates" PRIMARY KEY AUTOINCREMENT,
    "event" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);

CREATE TABLE "notifications" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_notifications" PRIMARY KEY AUTOINCREMENT,
    "user_id" TEXT NOT NULL,
    "claim_id" INTEGER NULL,
    "event" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "read_at" TEXT NULL,
    CONSTRAINT "fk_notifications_claims_claim_id" FOREIGN KEY ("claim_id") REFERENCES "claims" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_notifications_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_notification_rules_event" ON "notification_rules" ("event");

CREATE INDEX "ix_notification_rules_user_id" ON "notification_rules" ("user_id");

CREATE UNIQUE INDEX "ix_notification_templates_event_channel_language" ON "notification_templates" ("event", "channel", "language");

CREATE INDEX "ix_notifications_claim_id" ON "notifications" ("claim_id");

CREATE INDEX "ix_notifications_user_id_created_at" ON "notifications" ("user_id", "created_at");

CREATE INDEX "ix_notifications_user_id_read_at" ON "notifications" ("user_id", "read_at");
