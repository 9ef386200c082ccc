-- 0014 custom fields: administrators' fields per register (custom_fields) and each claim's values, one row per claim
-- and field, the value as normalised text plus a number column for sorting numbers (claim_custom_values).

CREATE TABLE "custom_fields" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_custom_fields" PRIMARY KEY AUTOINCREMENT,
    "register_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "choices" TEXT NOT NULL,
    "required_on" TEXT NOT NULL,
    "visible_to_customer" INTEGER NOT NULL,
    "sort_order" INTEGER NOT NULL,
    "is_active" INTEGER NOT NULL,
    "label_cs" TEXT NOT NULL,
    "label_en" TEXT NOT NULL,
    "label_pl" TEXT NOT NULL,
    CONSTRAINT "fk_custom_fields_registers_register_id" FOREIGN KEY ("register_id") REFERENCES "registers" ("id") ON DELETE CASCADE
);

CREATE TABLE "claim_custom_values" (
    "claim_id" INTEGER NOT NULL,
    "field_id" INTEGER NOT NULL,
    "value" TEXT NOT NULL,
    "number_value" REAL NULL,
    CONSTRAINT "pk_claim_custom_values" PRIMARY KEY ("claim_id", "field_id"),
    CONSTRAINT "fk_claim_custom_values_claims_claim_id" FOREIGN KEY ("claim_id") REFERENCES "claims" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_claim_custom_values_custom_fields_field_id" FOREIGN KEY ("field_id") REFERENCES "custom_fields" ("id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "ix_custom_fields_register_id_code" ON "custom_fields" ("register_id", "code");

CREATE INDEX "ix_claim_custom_values_field_id_number_value" ON "claim_custom_values" ("field_id", "number_value");

CREATE INDEX "ix_claim_custom_values_field_id_value" ON "claim_custom_values" ("field_id", "value");
