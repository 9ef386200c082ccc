-- 0008 search: each claim's folded text (claim_search) and a GIN index on its tsvector. The fts_ index is not in the
-- EF model (EF cannot describe an expression index); the schema comparison leaves it out by its prefix.
CREATE TABLE claim_search (
    claim_id bigint NOT NULL,
    document text NOT NULL,
    indexed_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_claim_search PRIMARY KEY (claim_id),
    CONSTRAINT fk_claim_search_claims_claim_id FOREIGN KEY (claim_id) REFERENCES claims (id) ON DELETE CASCADE
);

CREATE INDEX fts_claim_search_document ON claim_search USING gin (to_tsvector('simple', document));
