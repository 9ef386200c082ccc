-- 0028 claim documents (issue 13): the decision letters, closing protocols and repair documents made for a claim,
-- stored as they were made (bytes in the file store under their SHA-256, the data they were drawn from as JSON); and
-- the documents a workflow transition makes and e-mails to the claimant.
CREATE TABLE "claim_documents" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_claim_documents" PRIMARY KEY AUTOINCREMENT,
    "claim_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "data" TEXT NOT NULL,
    "is_public" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "created_by_kind" TEXT NOT NULL,
    "created_by_id" TEXT NULL,
    "created_by_name" TEXT NOT NULL,
    "sent_at" TEXT NULL,
    CONSTRAINT "fk_claim_documents_claims_claim_id" FOREIGN KEY ("claim_id") REFERENCES "claims" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_claim_documents_claim_id_created_at" ON "claim_documents" ("claim_id", "created_at");

ALTER TABLE "workflow_transitions" ADD "effect_documents" TEXT NOT NULL DEFAULT '';

-- A customer complaint's move into its resolved status e-mails the claimant the closing protocol, as new installations'
-- default workflow does.
UPDATE "workflow_transitions" SET "effect_documents" = 'closing_protocol'
WHERE "register_id" IN (SELECT "id" FROM "registers" WHERE "kind" = 'complaints')
  AND EXISTS (SELECT 1 FROM "workflow_statuses" s
              WHERE s."register_id" = "workflow_transitions"."register_id" AND s."code" = "workflow_transitions"."to_status" AND s."role" = 'resolved');
