CREATE TABLE "outbox_early" (
	"event_id" bigint PRIMARY KEY NOT NULL,
	"txid" "xid8" NOT NULL
);
