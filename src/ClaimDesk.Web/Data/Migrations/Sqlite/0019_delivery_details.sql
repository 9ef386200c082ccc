-- 0019 delivery details: where the courier collects the goods (courier pickup) and the parcel locker they are posted
-- from (parcel locker), issue 18.
ALTER TABLE "claims" ADD "pickup_address" TEXT NULL;

ALTER TABLE "claims" ADD "parcel_locker_id" TEXT NULL;
