-- 0006 messages: the claim thread (notes, messages to and from the claimant), files sent with a message, and files
-- sent with the public form before it was accepted.
CREATE TABLE "claim_messages" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_claim_messages" PRIMARY KEY AUTOINCREMENT,
    "claim_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "author_kind" TEXT NOT NULL,
    "author_id" TEXT NULL,
    "author_name" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_claim_messages_claims_claim_id" FOREIGN KEY ("claim_id") REFERENCES "claims" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_claim_messages_claim_id_created_at" ON "claim_messages" ("claim_id", "created_at");

ALTER TABLE "claim_attachments" ADD COLUMN "message_id" INTEGER NULL
    CONSTRAINT "fk_claim_attachments_claim_messages_message_id" REFERENCES "claim_messages" ("id") ON DELETE RESTRICT;

CREATE INDEX "ix_claim_attachments_message_id" ON "claim_attachments" ("message_id");

CREATE TABLE "pending_uploads" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_pending_uploads" PRIMARY KEY AUTOINCREMENT,
    "token_hash" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "created_at" TEXT NOT NULL
);

CREATE INDEX "ix_pending_uploads_created_at" ON "pending_uploads" ("created_at");

CREATE INDEX "ix_pending_uploads_sha256" ON "pending_uploads" ("sha256");

CREATE UNIQUE INDEX "ix_pending_uploads_token_hash" ON "pending_uploads" ("token_hash");
