-- 0018 statutory scope: statutory complaint rules govern customer-complaint registers only (issue 11). Claims in
-- supplier, pre-sale and service registers lose the statutory deadlines they were wrongly given, each removal in the
-- claim's history (by the system, as the application writes it), and their next due time is worked out again.
INSERT INTO "audit_events" ("at", "actor_type", "actor_id", "actor_name", "entity_type", "entity_id", "action", "field", "old_value", "new_value", "remote_address")
SELECT strftime('%Y-%m-%d %H:%M:%f', 'now'), 'system', NULL, NULL, 'claim', CAST(d."claim_id" AS TEXT), 'deadline_changed', 'deadline',
    d."rule_id" || ' ' || strftime('%Y-%m-%dT%H:%M:%fZ', d."due_at") || ' ' || d."state", NULL, NULL
FROM "claim_deadlines" AS d
JOIN "claims" AS c ON c."id" = d."claim_id"
JOIN "registers" AS r ON r."id" = c."register_id"
WHERE r."kind" <> 'complaints' AND d."kind" IN ('statutory_response', 'statutory_resolution')
ORDER BY d."claim_id", d."id";

DELETE FROM "claim_deadlines"
WHERE "kind" IN ('statutory_response', 'statutory_resolution')
    AND "claim_id" IN (SELECT c."id" FROM "claims" AS c JOIN "registers" AS r ON r."id" = c."register_id" WHERE r."kind" <> 'complaints');

UPDATE "claims"
SET "next_due_at" = (SELECT MIN(d."due_at") FROM "claim_deadlines" AS d WHERE d."claim_id" = "claims"."id" AND d."state" = 'running')
WHERE "register_id" IN (SELECT "id" FROM "registers" WHERE "kind" <> 'complaints');
