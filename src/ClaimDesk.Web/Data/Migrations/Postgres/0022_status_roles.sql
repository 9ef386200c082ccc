-- 0022 status roles: what the program relies on a status for (awaiting confirmation, waiting for goods, goods
-- received, resolved) is data, chosen in the workflow editor, instead of status codes written in the code (issue 12).
-- Existing workflows get the roles their codes had.
ALTER TABLE workflow_statuses ADD role character varying(30) NOT NULL DEFAULT 'none';

UPDATE workflow_statuses SET role = 'awaiting_confirmation' WHERE code = 'unconfirmed' AND is_initial AND hidden_from_queues;
UPDATE workflow_statuses SET role = 'waiting_for_goods' WHERE code = 'waiting_for_goods';
UPDATE workflow_statuses SET role = 'goods_received' WHERE code = 'goods_received';
UPDATE workflow_statuses SET role = 'resolved' WHERE code = 'resolved';
