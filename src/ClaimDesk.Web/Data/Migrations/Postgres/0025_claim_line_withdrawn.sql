-- 0025 claim line withdrawn: staff withdraw an item after intake; it keeps its row and is left out of the claim's
-- decision and value (issue 13).
ALTER TABLE claim_lines ADD COLUMN withdrawn_at timestamp with time zone;
