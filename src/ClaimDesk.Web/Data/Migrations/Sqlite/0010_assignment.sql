-- 0010 assignment: teams (members take claims in turn) and auto-assignment rules.
CREATE TABLE "teams" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_teams" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "members" TEXT NOT NULL,
    "handed" INTEGER NOT NULL,
    "updated_at" TEXT NOT NULL
);

CREATE TABLE "assignment_rules" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_assignment_rules" PRIMARY KEY AUTOINCREMENT,
    "order" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" INTEGER NOT NULL,
    "register_id" INTEGER NULL,
    "category" TEXT NULL,
    "customer_tier" TEXT NULL,
    "product_group" TEXT NULL,
    "user_id" TEXT NULL,
    "team_id" INTEGER NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_assignment_rules_registers_register_id" FOREIGN KEY ("register_id") REFERENCES "registers" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_assignment_rules_teams_team_id" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_assignment_rules_order" ON "assignment_rules" ("order");

CREATE INDEX "ix_assignment_rules_register_id" ON "assignment_rules" ("register_id");

CREATE INDEX "ix_assignment_rules_team_id" ON "assignment_rules" ("team_id");

CREATE UNIQUE INDEX "ix_teams_name" ON "teams" ("name");
