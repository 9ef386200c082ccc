-- 0023 outbox documents: an attachment may name a document made when its message is sent (the intake confirmation
-- PDF of a claim recorded by staff or through the API), so the PDF is not drawn while the claim's number is locked.
ALTER TABLE outbox_attachments ADD document character varying(200) NULL;
