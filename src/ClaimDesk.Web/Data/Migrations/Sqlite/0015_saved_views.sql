-- 0015 saved views: each user's named grid views (the grid's query string), and the index of the grid's most common
-- question: claims in a status, of an assignee, by due date (issue 7).
CREATE TABLE "saved_views" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_saved_views" PRIMARY KEY AUTOINCREMENT,
    "user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_saved_views_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_claims_status_assignee_id_next_due_at" ON "claims" ("status", "assignee_id", "next_due_at");

CREATE UNIQUE INDEX "ix_saved_views_user_id_name" ON "saved_views" ("user_id", "name");
