-- 0012 partner portal and ERP facts: the company a partner user belongs to; the sales document line, goods issue,
-- shipment and warranty state of a claim line.
ALTER TABLE users ADD customer_id bigint;

ALTER TABLE users ADD CONSTRAINT fk_users_customers_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT;

ALTER TABLE claim_lines ADD sales_document_line_no integer;

ALTER TABLE claim_lines ADD goods_issue_number character varying(100);

ALTER TABLE claim_lines ADD picked_by character varying(200);

ALTER TABLE claim_lines ADD packed_by character varying(200);

ALTER TABLE claim_lines ADD carrier character varying(40);

ALTER TABLE claim_lines ADD tracking_number character varying(100);

ALTER TABLE claim_lines ADD warranty_end date;

ALTER TABLE claim_lines ADD under_warranty boolean;

CREATE INDEX ix_users_customer_id ON users (customer_id);

CREATE INDEX ix_claim_lines_sales_document_number_sales_document_line_no ON claim_lines (sales_document_number, sales_document_line_no);
