-- W3C traceparent of the span that wrote an outbox row (the signal consumer's span of the record
-- that caused the health transition), so the relay's Temporal call continues the same trace.
-- Null for rows no trace caused (TTL expiries) and for rows written before this migration.
alter table outbox add column traceparent text;
