-- 0021 claim supplier: a claim in a supplier register names the supplier it is made to, from master data (issue 11).
ALTER TABLE claims ADD COLUMN supplier_id bigint;
ALTER TABLE claims ADD CONSTRAINT fk_claims_suppliers_supplier_id FOREIGN KEY (supplier_id) REFERENCES suppliers (id) ON DELETE RESTRICT;

CREATE INDEX ix_claims_supplier_id ON claims (supplier_id);
