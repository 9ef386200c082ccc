-- 0026 tasks: task templates per workflow status (title, role or team, due in working days), the tasks entering a
-- status creates for its claims (assignee, due, done, the scanner's overdue and escalation markers), and transitions
-- that require the tasks of the status they leave done (issue 13).
ALTER TABLE "workflow_transitions" ADD "requires_tasks_done" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "task_templates" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_task_templates" PRIMARY KEY AUTOINCREMENT,
    "register_id" INTEGER NOT NULL,
    "status_code" TEXT NOT NULL,
    "role" TEXT NULL,
    "team_id" INTEGER NULL,
    "due_in_working_days" INTEGER NOT NULL,
    "sort_order" INTEGER NOT NULL,
    "title_cs" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "title_pl" TEXT NOT NULL,
    CONSTRAINT "fk_task_templates_registers_register_id" FOREIGN KEY ("register_id") REFERENCES "registers" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_task_templates_teams_team_id" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE CASCADE
);

CREATE TABLE "claim_tasks" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_claim_tasks" PRIMARY KEY AUTOINCREMENT,
    "claim_id" INTEGER NOT NULL,
    "template_id" INTEGER NULL,
    "status_code" TEXT NOT NULL,
    "assignee_id" TEXT NULL,
    "role" TEXT NULL,
    "team_id" INTEGER NULL,
    "due_at" TEXT NOT NULL,
    "done_at" TEXT NULL,
    "done_by_id" TEXT NULL,
    "done_by_name" TEXT NULL,
    "overdue_notified_at" TEXT NULL,
    "escalated_at" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "title_cs" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "title_pl" TEXT NOT NULL,
    CONSTRAINT "fk_claim_tasks_claims_claim_id" FOREIGN KEY ("claim_id") REFERENCES "claims" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_claim_tasks_task_templates_template_id" FOREIGN KEY ("template_id") REFERENCES "task_templates" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_claim_tasks_teams_team_id" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE SET NULL
);

CREATE INDEX "ix_claim_tasks_assignee_id" ON "claim_tasks" ("assignee_id");

CREATE INDEX "ix_claim_tasks_claim_id" ON "claim_tasks" ("claim_id");

CREATE INDEX "ix_claim_tasks_due_at" ON "claim_tasks" ("due_at");

CREATE INDEX "ix_claim_tasks_team_id" ON "claim_tasks" ("team_id");

CREATE INDEX "ix_claim_tasks_template_id" ON "claim_tasks" ("template_id");

CREATE INDEX "ix_task_templates_register_id_status_code" ON "task_templates" ("register_id", "status_code");

CREATE INDEX "ix_task_templates_team_id" ON "task_templates" ("team_id");
