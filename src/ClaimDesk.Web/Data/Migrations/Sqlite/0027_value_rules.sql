-- 0027 value rules: the claim's value and cost total as conditions of assignment rules, SLA policies and notification
-- rules, and approval rules ("a claim worth more than N may be accepted only by a Manager") (issue 13).
ALTER TABLE "assignment_rules" ADD COLUMN "value_above" TEXT NULL;
ALTER TABLE "assignment_rules" ADD COLUMN "cost_total_above" TEXT NULL;
ALTER TABLE "sla_policies" ADD COLUMN "value_above" TEXT NULL;
ALTER TABLE "sla_policies" ADD COLUMN "cost_total_above" TEXT NULL;
ALTER TABLE "notification_rules" ADD COLUMN "value_above" TEXT NULL;
ALTER TABLE "notification_rules" ADD COLUMN "cost_total_above" TEXT NULL;

CREATE TABLE "approval_rules" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_approval_rules" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "enabled" INTEGER NOT NULL,
    "register_id" INTEGER NULL,
    "value_above" TEXT NULL,
    "cost_total_above" TEXT NULL,
    "decision" TEXT NOT NULL,
    "roles" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_approval_rules_registers_register_id" FOREIGN KEY ("register_id") REFERENCES "registers" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_approval_rules_name" ON "approval_rules" ("name");

CREATE INDEX "ix_approval_rules_register_id" ON "approval_rules" ("register_id");
