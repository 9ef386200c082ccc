-- 0029 repair quotes: paid out-of-warranty repairs (issue 13): a quote's priced lines (JSON), total, validity, the
-- statuses the claim moves to on the claimant's answer, who did each step and when, the answer's channel and address.
-- A webhook's event list may now be longer (the repair.* events).
CREATE TABLE "repair_quotes" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_repair_quotes" PRIMARY KEY AUTOINCREMENT,
    "claim_id" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "lines" TEXT NOT NULL,
    "total" TEXT NOT NULL,
    "valid_until" TEXT NOT NULL,
    "accept_status" TEXT NULL,
    "decline_status" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "sent_at" TEXT NULL,
    "sent_by" TEXT NULL,
    "answered_at" TEXT NULL,
    "answered_by" TEXT NULL,
    "answer_channel" TEXT NULL,
    "answer_address" TEXT NULL,
    "expired_at" TEXT NULL,
    "repaired_at" TEXT NULL,
    "repaired_by" TEXT NULL,
    "repair_report" TEXT NULL,
    "invoice_number" TEXT NULL,
    "invoiced_at" TEXT NULL,
    "invoiced_by" TEXT NULL,
    CONSTRAINT "fk_repair_quotes_claims_claim_id" FOREIGN KEY ("claim_id") REFERENCES "claims" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_repair_quotes_claim_id_id" ON "repair_quotes" ("claim_id", "id");

CREATE UNIQUE INDEX "ix_repair_quotes_number" ON "repair_quotes" ("number");
