-- 0020 intake acknowledgement: whether a register's claims recorded by staff, through the API or in the portal e-mail
-- the claimant the number, a tracking link and the intake confirmation PDF (issue 11); on for `complaints`.
ALTER TABLE registers ADD acknowledges_intake boolean NOT NULL DEFAULT FALSE;

UPDATE registers SET acknowledges_intake = TRUE WHERE code = 'complaints';
