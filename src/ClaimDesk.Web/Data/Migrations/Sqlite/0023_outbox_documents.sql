-- 0023 outbox documents: a message may name a document made when it is sent (the intake confirmation PDF of a claim
-- recorded by staff or through the API), so the PDF is not drawn while the claim's number is locked; once made, it is
-- kept as one of the message's attachments.
ALTER TABLE "outbox_messages" ADD "document" TEXT NULL;
ALTER TABLE "outbox_messages" ADD "document_file_name" TEXT NULL;
