-- Operator actions (DESIGN.md "Operator actions"): one row per request. The API inserts it when it
-- accepts the request (state REQUESTED, seq 0); the workflow action:<resourceId>:<id> replaces it
-- at every change with a higher seq, so GET /v1/actions/{id} answers after the workflow has ended.
create table operator_action (
    id               text primary key,
    workflow_id      text        not null unique,
    resource_id      text        not null,
    action           text        not null,
    target           text        not null,
    params           jsonb       not null default '{}'::jsonb,
    dry_run          boolean     not null,
    require_approval boolean     not null,
    scope            text,
    state            text        not null check (state in ('REQUESTED', 'AWAITING_APPROVAL',
                         'THROTTLED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'REJECTED', 'EXPIRED',
                         'CANCELLED')),
    seq              bigint      not null,
    message          text,
    requested_by     text        not null,
    requested_at     timestamptz not null,
    updated_at       timestamptz not null,
    decided_by       text,
    outcome          text,
    affected         jsonb       not null default '[]'::jsonb,
    details          jsonb       not null default '{}'::jsonb,
    error_type       text
);
-- The actions asked for on a resource, newest first.
create index operator_action_resource_idx on operator_action (resource_id, requested_at desc);
