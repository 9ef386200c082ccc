-- 0011 deadlines: SLA policies (seeded "VIP" and "standard"), each claim's deadlines with the scanner's markers, and
-- the claim facts deadlines depend on (jurisdiction, contract date, goods received, first response, next due).
ALTER TABLE "claims" ADD "jurisdiction" TEXT NULL;

ALTER TABLE "claims" ADD "contract_date" TEXT NULL;

ALTER TABLE "claims" ADD "goods_received_at" TEXT NULL;

ALTER TABLE "claims" ADD "first_response_at" TEXT NULL;

ALTER TABLE "claims" ADD "next_due_at" TEXT NULL;

CREATE INDEX "ix_claims_next_due_at" ON "claims" ("next_due_at");

CREATE TABLE "sla_policies" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_sla_policies" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL,
    "is_active" INTEGER NOT NULL,
    "customer_tier" TEXT NULL,
    "customer_id" INTEGER NULL,
    "register_id" INTEGER NULL,
    "category" TEXT NULL,
    "legal_basis" TEXT NULL,
    "first_response_amount" INTEGER NULL,
    "first_response_unit" TEXT NULL,
    "decision_amount" INTEGER NULL,
    "decision_unit" TEXT NULL,
    "resolution_amount" INTEGER NULL,
    "resolution_unit" TEXT NULL,
    "calendar" TEXT NOT NULL,
    "pause_statuses" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_sla_policies_customers_customer_id" FOREIGN KEY ("customer_id") REFERENCES "customers" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_sla_policies_registers_register_id" FOREIGN KEY ("register_id") REFERENCES "registers" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_sla_policies_customer_id" ON "sla_policies" ("customer_id");

CREATE UNIQUE INDEX "ix_sla_policies_name" ON "sla_policies" ("name");

CREATE INDEX "ix_sla_policies_register_id" ON "sla_policies" ("register_id");

CREATE TABLE "claim_deadlines" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_claim_deadlines" PRIMARY KEY AUTOINCREMENT,
    "claim_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "rule_id" TEXT NOT NULL,
    "due_at" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "reminded_at" TEXT NULL,
    "escalated_at" TEXT NULL,
    "alarmed_at" TEXT NULL,
    CONSTRAINT "fk_claim_deadlines_claims_claim_id" FOREIGN KEY ("claim_id") REFERENCES "claims" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_claim_deadlines_claim_id_rule_id" ON "claim_deadlines" ("claim_id", "rule_id");

CREATE INDEX "ix_claim_deadlines_state_due_at" ON "claim_deadlines" ("state", "due_at");

-- DefaultSlaPolicies: VIP customers resolved within 3 working days, every other claim within 14 calendar days.
INSERT INTO "sla_policies" ("name", "sort_order", "is_active", "customer_tier", "resolution_amount", "resolution_unit", "calendar", "pause_statuses", "updated_at")
VALUES ('VIP', 10, 1, 'vip', 3, 'working_days', 'pl', 'unconfirmed,waiting_for_customer,waiting_for_goods', strftime('%Y-%m-%d %H:%M:%S', 'now'));

INSERT INTO "sla_policies" ("name", "sort_order", "is_active", "customer_tier", "resolution_amount", "resolution_unit", "calendar", "pause_statuses", "updated_at")
VALUES ('standard', 1000, 1, NULL, 14, 'calendar_days', 'pl', 'unconfirmed,waiting_for_customer,waiting_for_goods', strftime('%Y-%m-%d %H:%M:%S', 'now'));
