-- 0004 attachments: files attached to claims, stored by content hash outside the web root (the rows name them).
CREATE TABLE "claim_attachments" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_claim_attachments" PRIMARY KEY AUTOINCREMENT,
    "claim_id" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "visibility" TEXT NOT NULL,
    "uploaded_by_kind" TEXT NOT NULL,
    "uploaded_by_id" TEXT NULL,
    "uploaded_by_name" TEXT NOT NULL,
    "uploaded_at" TEXT NOT NULL,
    "is_deleted" INTEGER NOT NULL,
    CONSTRAINT "fk_claim_attachments_claims_claim_id" FOREIGN KEY ("claim_id") REFERENCES "claims" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_claim_attachments_claim_id_uploaded_at" ON "claim_attachments" ("claim_id", "uploaded_at");

CREATE INDEX "ix_claim_attachments_sha256" ON "claim_attachments" ("sha256");

