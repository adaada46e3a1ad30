-- Ingest (V10-V19): indexes the outbox relay relies on.

-- The relay claims only the oldest undelivered row of each aggregate, so rows of one resource are
-- delivered in order even with several replicas: its NOT EXISTS probe looks up
-- (kind, aggregate_id, id) among undelivered rows.
create index outbox_pending_aggregate_idx on outbox (kind, aggregate_id, id) where delivered_at is null;

-- Pruning delivered rows once they are older than the retention.
create index outbox_delivered_at_idx on outbox (delivered_at) where delivered_at is not null;
