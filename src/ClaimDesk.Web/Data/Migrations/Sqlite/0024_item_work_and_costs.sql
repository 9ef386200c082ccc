-- 0024 item work and costs (issue 13): per item the technician's diagnosis (already a column), the supplier's
-- statement, the remedy granted with its facts (replacement serial, refund amount, repair report), when the goods
-- came and went back and how; the claim's cost lines (claim_costs) and their total in the organisation's currency.
ALTER TABLE "claim_lines" ADD "supplier_statement" TEXT NULL;
ALTER TABLE "claim_lines" ADD "remedy" TEXT NOT NULL DEFAULT 'none';
ALTER TABLE "claim_lines" ADD "remedy_granted_at" TEXT NULL;
ALTER TABLE "claim_lines" ADD "replacement_serial" TEXT NULL;
ALTER TABLE "claim_lines" ADD "refund_amount" TEXT NULL;
ALTER TABLE "claim_lines" ADD "refund_currency" TEXT NULL;
ALTER TABLE "claim_lines" ADD "repair_done" TEXT NULL;
ALTER TABLE "claim_lines" ADD "repair_parts" TEXT NULL;
ALTER TABLE "claim_lines" ADD "repair_minutes" INTEGER NULL;
ALTER TABLE "claim_lines" ADD "goods_received_at" TEXT NULL;
ALTER TABLE "claim_lines" ADD "returned_at" TEXT NULL;
ALTER TABLE "claim_lines" ADD "return_method" TEXT NULL;
ALTER TABLE "claim_lines" ADD "return_tracking_number" TEXT NULL;

ALTER TABLE "claims" ADD "cost_total" TEXT NOT NULL DEFAULT '0.0';

CREATE TABLE "claim_costs" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_claim_costs" PRIMARY KEY AUTOINCREMENT,
    "claim_id" INTEGER NOT NULL,
    "line_no" INTEGER NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "amount" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "borne_by" TEXT NOT NULL,
    "gl_account" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "created_by_id" TEXT NULL,
    "created_by_name" TEXT NOT NULL,
    CONSTRAINT "fk_claim_costs_claims_claim_id" FOREIGN KEY ("claim_id") REFERENCES "claims" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_claim_costs_claim_id" ON "claim_costs" ("claim_id");
