-- 0002 claims: registers with their workflows, customers, claims and lines, number sequences, API keys.
CREATE TABLE "api_keys" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_api_keys" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "acts_as_role" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "created_by" TEXT NULL,
    "revoked_at" TEXT NULL,
    "last_used_at" TEXT NULL
);

CREATE TABLE "customers" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_customers" PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "tax_id" TEXT NULL,
    "email" TEXT NULL,
    "phone" TEXT NULL,
    "created_at" TEXT NOT NULL
);

CREATE TABLE "registers" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_registers" PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "numbering_pattern" TEXT NOT NULL,
    "name_cs" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "name_pl" TEXT NOT NULL
);

CREATE TABLE "claims" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_claims" PRIMARY KEY AUTOINCREMENT,
    "number" TEXT NOT NULL,
    "register_id" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "customer_id" INTEGER NULL,
    "contact_name" TEXT NOT NULL,
    "contact_email" TEXT NULL,
    "contact_phone" TEXT NULL,
    "contact_language" TEXT NOT NULL,
    "preferred_channel" TEXT NOT NULL,
    "customer_type" TEXT NOT NULL,
    "legal_basis" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "requested_remedy" TEXT NOT NULL,
    "delivery_method" TEXT NOT NULL,
    "description" TEXT NULL,
    "status" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "assignee_id" TEXT NULL,
    "priority" TEXT NOT NULL,
    "received_at" TEXT NOT NULL,
    "decided_at" TEXT NULL,
    "resolved_at" TEXT NULL,
    "closed_at" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "is_deleted" INTEGER NOT NULL,
    "deleted_at" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_claims_customers_customer_id" FOREIGN KEY ("customer_id") REFERENCES "customers" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_claims_registers_register_id" FOREIGN KEY ("register_id") REFERENCES "registers" ("id") ON DELETE RESTRICT
);

CREATE TABLE "number_sequences" (
    "register_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "last_value" INTEGER NOT NULL,
    CONSTRAINT "pk_number_sequences" PRIMARY KEY ("register_id", "year"),
    CONSTRAINT "fk_number_sequences_registers_register_id" FOREIGN KEY ("register_id") REFERENCES "registers" ("id") ON DELETE CASCADE
);

CREATE TABLE "workflow_statuses" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_workflow_statuses" PRIMARY KEY AUTOINCREMENT,
    "register_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "is_initial" INTEGER NOT NULL,
    "sla_clock_runs" INTEGER NOT NULL,
    "hidden_from_queues" INTEGER NOT NULL,
    "sort_order" INTEGER NOT NULL,
    "customer_label_cs" TEXT NOT NULL,
    "customer_label_en" TEXT NOT NULL,
    "customer_label_pl" TEXT NOT NULL,
    "staff_label_cs" TEXT NOT NULL,
    "staff_label_en" TEXT NOT NULL,
    "staff_label_pl" TEXT NOT NULL,
    CONSTRAINT "fk_workflow_statuses_registers_register_id" FOREIGN KEY ("register_id") REFERENCES "registers" ("id") ON DELETE CASCADE
);

CREATE TABLE "workflow_transitions" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_workflow_transitions" PRIMARY KEY AUTOINCREMENT,
    "register_id" INTEGER NOT NULL,
    "from_status" TEXT NOT NULL,
    "to_status" TEXT NOT NULL,
    "allowed_roles" TEXT NOT NULL,
    "required_fields" TEXT NOT NULL,
    CONSTRAINT "fk_workflow_transitions_registers_register_id" FOREIGN KEY ("register_id") REFERENCES "registers" ("id") ON DELETE CASCADE
);

CREATE TABLE "claim_lines" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_claim_lines" PRIMARY KEY AUTOINCREMENT,
    "claim_id" INTEGER NOT NULL,
    "line_no" INTEGER NOT NULL,
    "reference_number" TEXT NOT NULL,
    "product_code" TEXT NULL,
    "product_name" TEXT NOT NULL,
    "ean" TEXT NULL,
    "serial_number" TEXT NULL,
    "quantity" TEXT NOT NULL,
    "unit_price" TEXT NULL,
    "purchase_date" TEXT NULL,
    "sales_document_number" TEXT NULL,
    "fault_description" TEXT NOT NULL,
    "diagnosis" TEXT NULL,
    "decision" TEXT NOT NULL,
    "decision_reason" TEXT NULL,
    "decided_at" TEXT NULL,
    CONSTRAINT "fk_claim_lines_claims_claim_id" FOREIGN KEY ("claim_id") REFERENCES "claims" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_api_keys_prefix" ON "api_keys" ("prefix");

CREATE UNIQUE INDEX "ix_claim_lines_claim_id_line_no" ON "claim_lines" ("claim_id", "line_no");

CREATE UNIQUE INDEX "ix_claim_lines_reference_number" ON "claim_lines" ("reference_number");

CREATE INDEX "ix_claim_lines_serial_number" ON "claim_lines" ("serial_number");

CREATE INDEX "ix_claims_customer_id" ON "claims" ("customer_id");

CREATE UNIQUE INDEX "ix_claims_number" ON "claims" ("number");

CREATE INDEX "ix_claims_received_at" ON "claims" ("received_at");

CREATE INDEX "ix_claims_register_id_status" ON "claims" ("register_id", "status");

CREATE INDEX "ix_claims_updated_at" ON "claims" ("updated_at");

CREATE UNIQUE INDEX "ix_customers_code" ON "customers" ("code");

CREATE UNIQUE INDEX "ix_registers_code" ON "registers" ("code");

CREATE UNIQUE INDEX "ix_workflow_statuses_register_id_code" ON "workflow_statuses" ("register_id", "code");

CREATE UNIQUE INDEX "ix_workflow_transitions_register_id_from_status_to_status" ON "workflow_transitions" ("register_id", "from_status", "to_status");

