-- Ingest (V10-V19): the consumer that owns a Kafka partition is the only writer of its resources'
-- rows. It stores each partition's next offset in the same transaction as the state that offset
-- produced, and seeks to it when it is assigned the partition: a Kafka redelivery is recognised by
-- its offset, and an owner that lost its partition (a zombie after a rebalance) is fenced by the
-- compare-and-set on next_offset. Source duplicates (Alertmanager HA pairs, resends, retried
-- posts) are recognised inside the signal's own marks (recent event ids in signal_marks), so the
-- per-event signal_inbox row goes.
create table ingest_offset (
    topic       text        not null,
    partition   integer     not null,
    next_offset bigint      not null,
    owner       text,
    updated_at  timestamptz not null default now(),
    primary key (topic, partition)
);

-- The partition whose owner writes the row (null for rows written before this migration; their
-- owner is found by hashing the id as Kafka's default partitioner does). The owner's TTL sweep
-- reads its own due rows through this index.
alter table resource_state add column partition integer;
create index resource_state_partition_expiry_idx on resource_state (partition, next_expiry_at)
    where next_expiry_at is not null;

-- Most writes rewrite a row without touching an indexed column (a count, lastSeen): room on the
-- page lets PostgreSQL update it in place (HOT) instead of adding index entries.
alter table resource_state set (fillfactor = 80);

drop table signal_inbox;
