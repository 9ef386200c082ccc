-- 0012 partner portal and ERP facts: the company a partner user belongs to; the sales document line, goods issue,
-- shipment and warranty state of a claim line.
ALTER TABLE "users" ADD "customer_id" INTEGER NULL CONSTRAINT "fk_users_customers_customer_id" REFERENCES "customers" ("id") ON DELETE RESTRICT;

ALTER TABLE "claim_lines" ADD "sales_document_line_no" INTEGER NULL;

ALTER TABLE "claim_lines" ADD "goods_issue_number" TEXT NULL;

ALTER TABLE "claim_lines" ADD "picked_by" TEXT NULL;

ALTER TABLE "claim_lines" ADD "packed_by" TEXT NULL;

ALTER TABLE "claim_lines" ADD "carrier" TEXT NULL;

ALTER TABLE "claim_lines" ADD "tracking_number" TEXT NULL;

ALTER TABLE "claim_lines" ADD "warranty_end" TEXT NULL;

ALTER TABLE "claim_lines" ADD "under_warranty" INTEGER NULL;

CREATE INDEX "ix_users_customer_id" ON "users" ("customer_id");

CREATE INDEX "ix_claim_lines_sales_document_number_sales_document_line_no" ON "claim_lines" ("sales_document_number", "sales_document_line_no");
