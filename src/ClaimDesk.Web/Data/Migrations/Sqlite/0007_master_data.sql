-- 0007 master data from the ERP: customers' tier, country and updated_at; suppliers, products, sales documents and their lines.
ALTER TABLE "customers" ADD "tier" TEXT NOT NULL DEFAULT 'standard';

ALTER TABLE "customers" ADD "country" TEXT NULL;

ALTER TABLE "customers" ADD "updated_at" TEXT NULL;

CREATE TABLE "suppliers" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_suppliers" PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tax_id" TEXT NULL,
    "email" TEXT NULL,
    "country" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);

CREATE TABLE "products" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_products" PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ean" TEXT NULL,
    "supplier_id" INTEGER NULL,
    "warranty_months" INTEGER NULL,
    "product_group" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_products_suppliers_supplier_id" FOREIGN KEY ("supplier_id") REFERENCES "suppliers" ("id") ON DELETE RESTRICT
);

CREATE TABLE "sales_documents" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_sales_documents" PRIMARY KEY AUTOINCREMENT,
    "number" TEXT NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "issue_date" TEXT NOT NULL,
    "sale_date" TEXT NULL,
    "currency" TEXT NOT NULL,
    "goods_issue_number" TEXT NULL,
    "picked_by" TEXT NULL,
    "packed_by" TEXT NULL,
    "carrier" TEXT NULL,
    "tracking_number" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_sales_documents_customers_customer_id" FOREIGN KEY ("customer_id") REFERENCES "customers" ("id") ON DELETE RESTRICT
);

CREATE TABLE "sales_document_lines" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_sales_document_lines" PRIMARY KEY AUTOINCREMENT,
    "sales_document_id" INTEGER NOT NULL,
    "line_no" INTEGER NOT NULL,
    "product_id" INTEGER NOT NULL,
    "quantity" TEXT NOT NULL,
    "unit_price" TEXT NOT NULL,
    "serial_numbers" TEXT NOT NULL,
    CONSTRAINT "fk_sales_document_lines_products_product_id" FOREIGN KEY ("product_id") REFERENCES "products" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_sales_document_lines_sales_documents_sales_document_id" FOREIGN KEY ("sales_document_id") REFERENCES "sales_documents" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_customers_updated_at" ON "customers" ("updated_at");

CREATE UNIQUE INDEX "ix_products_code" ON "products" ("code");

CREATE INDEX "ix_products_ean" ON "products" ("ean");

CREATE INDEX "ix_products_supplier_id" ON "products" ("supplier_id");

CREATE INDEX "ix_products_updated_at" ON "products" ("updated_at");

CREATE INDEX "ix_sales_document_lines_product_id" ON "sales_document_lines" ("product_id");

CREATE UNIQUE INDEX "ix_sales_document_lines_sales_document_id_line_no" ON "sales_document_lines" ("sales_document_id", "line_no");

CREATE INDEX "ix_sales_documents_customer_id" ON "sales_documents" ("customer_id");

CREATE INDEX "ix_sales_documents_goods_issue_number" ON "sales_documents" ("goods_issue_number");

CREATE UNIQUE INDEX "ix_sales_documents_number" ON "sales_documents" ("number");

CREATE INDEX "ix_sales_documents_updated_at" ON "sales_documents" ("updated_at");

CREATE UNIQUE INDEX "ix_suppliers_code" ON "suppliers" ("code");

CREATE INDEX "ix_suppliers_updated_at" ON "suppliers" ("updated_at");
