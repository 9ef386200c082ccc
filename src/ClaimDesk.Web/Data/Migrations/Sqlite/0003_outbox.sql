-- 0003 outbox: e-mail (later SMS and webhooks) written in the transaction of the change that caused it, sent by the dispatcher.
CREATE TABLE "outbox_messages" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_outbox_messages" PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text_body" TEXT NOT NULL,
    "html_body" TEXT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "next_attempt_at" TEXT NOT NULL,
    "lease_until" TEXT NULL,
    "last_error" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "sent_at" TEXT NULL,
    "internet_message_id" TEXT NOT NULL
);

CREATE TABLE "outbox_attachments" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_outbox_attachments" PRIMARY KEY AUTOINCREMENT,
    "message_id" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "content" BLOB NOT NULL,
    CONSTRAINT "fk_outbox_attachments_outbox_messages_message_id" FOREIGN KEY ("message_id") REFERENCES "outbox_messages" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_outbox_attachments_message_id" ON "outbox_attachments" ("message_id");

CREATE INDEX "ix_outbox_messages_created_at" ON "outbox_messages" ("created_at");

CREATE UNIQUE INDEX "ix_outbox_messages_internet_message_id" ON "outbox_messages" ("internet_message_id");

CREATE INDEX "ix_outbox_messages_status_next_attempt_at" ON "outbox_messages" ("status", "next_attempt_at");

