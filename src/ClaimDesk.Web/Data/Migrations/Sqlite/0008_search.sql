-- 0008 search: each claim's folded text (claim_search) and its FTS5 index, kept in step by triggers. The fts_ objects
-- are not in the EF model (EF cannot describe them); the schema comparison leaves them out by their prefix.
CREATE TABLE "claim_search" (
    "claim_id" INTEGER NOT NULL CONSTRAINT "pk_claim_search" PRIMARY KEY,
    "document" TEXT NOT NULL,
    "indexed_at" TEXT NOT NULL,
    CONSTRAINT "fk_claim_search_claims_claim_id" FOREIGN KEY ("claim_id") REFERENCES "claims" ("id") ON DELETE CASCADE
);

CREATE VIRTUAL TABLE "fts_claim_search" USING fts5(document, content='claim_search', content_rowid='claim_id', tokenize='unicode61');

CREATE TRIGGER "fts_claim_search_inserted" AFTER INSERT ON "claim_search" BEGIN
    INSERT INTO "fts_claim_search" (rowid, document) VALUES (new.claim_id, new.document);
END;

CREATE TRIGGER "fts_claim_search_deleted" AFTER DELETE ON "claim_search" BEGIN
    INSERT INTO "fts_claim_search" ("fts_claim_search", rowid, document) VALUES ('delete', old.claim_id, old.document);
END;

CREATE TRIGGER "fts_claim_search_updated" AFTER UPDATE ON "claim_search" BEGIN
    INSERT INTO "fts_claim_search" ("fts_claim_search", rowid, document) VALUES ('delete', old.claim_id, old.document);
    INSERT INTO "fts_claim_search" (rowid, document) VALUES (new.claim_id, new.document);
END;
