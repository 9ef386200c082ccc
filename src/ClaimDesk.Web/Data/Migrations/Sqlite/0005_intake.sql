-- 0005 intake: consumer web submissions, their claims, and the magic links (activation, tracking) stored hashed.
CREATE TABLE "submissions" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_submissions" PRIMARY KEY AUTOINCREMENT,
    "created_at" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "language" TEXT NOT NULL
);

CREATE TABLE "access_tokens" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_access_tokens" PRIMARY KEY AUTOINCREMENT,
    "purpose" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "submission_id" INTEGER NULL,
    "claim_id" INTEGER NULL,
    "expires_at" TEXT NOT NULL,
    "used_at" TEXT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_access_tokens_claims_claim_id" FOREIGN KEY ("claim_id") REFERENCES "claims" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_access_tokens_submissions_submission_id" FOREIGN KEY ("submission_id") REFERENCES "submissions" ("id") ON DELETE CASCADE
);

CREATE TABLE "submission_claims" (
    "submission_id" INTEGER NOT NULL,
    "claim_id" INTEGER NOT NULL,
    CONSTRAINT "pk_submission_claims" PRIMARY KEY ("submission_id", "claim_id"),
    CONSTRAINT "fk_submission_claims_claims_claim_id" FOREIGN KEY ("claim_id") REFERENCES "claims" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_submission_claims_submissions_submission_id" FOREIGN KEY ("submission_id") REFERENCES "submissions" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_access_tokens_claim_id" ON "access_tokens" ("claim_id");

CREATE INDEX "ix_access_tokens_expires_at" ON "access_tokens" ("expires_at");

CREATE UNIQUE INDEX "ix_access_tokens_hash" ON "access_tokens" ("hash");

CREATE INDEX "ix_access_tokens_submission_id" ON "access_tokens" ("submission_id");

CREATE UNIQUE INDEX "ix_submission_claims_claim_id" ON "submission_claims" ("claim_id");

CREATE INDEX "ix_submissions_created_at" ON "submissions" ("created_at");

