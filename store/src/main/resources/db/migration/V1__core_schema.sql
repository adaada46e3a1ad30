-- Vigil core schema: the tables of DESIGN.md ("Resource state").
-- Version ranges: core V1-V9, ingest V10-V19, activities V20-V29, api V30-V39.

-- One row per resource. active_signals is the API's activeSignals array, verbatim:
-- [{code, reason, count, severity, firstSeen, lastSeen, message?, expiresAt?}].
-- signal_marks is ingest's bookkeeping for order-safe upserts: per "code|reason" the status and
-- observedAt of the newest event applied (resolved signals stay here, so an older firing cannot
-- revive them).
create table resource_state (
    id                   text primary key,
    type                 text        not null,
    cluster              text        not null,
    namespace            text,
    name                 text,
    component            text,
    health_state         text        not null check (health_state in ('Healthy', 'Degraded', 'Unhealthy')),
    active_signals       jsonb       not null default '[]'::jsonb,
    signal_marks         jsonb       not null default '{}'::jsonb,
    labels               jsonb       not null default '{}'::jsonb,
    last_event_timestamp timestamptz,
    last_transition_at   timestamptz,
    next_expiry_at       timestamptz,
    -- mitigation status: written by IncidentActivities.recordPhase, read by the API
    phase                text,
    attempt_count        integer     not null default 0,
    last_action          text,
    workflow_id          text,
    incident_id          text,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now()
);
-- Filters + keyset pagination (ORDER BY id): GET /v1/resources?healthState=&type=&cluster=
create index resource_state_health_id_idx on resource_state (health_state, id);
create index resource_state_type_id_idx on resource_state (type, id);
create index resource_state_cluster_id_idx on resource_state (cluster, id);
-- Fleet summary by phase, and the TTL sweeper's scan.
create index resource_state_phase_idx on resource_state (phase) where phase is not null;
create index resource_state_next_expiry_idx on resource_state (next_expiry_at) where next_expiry_at is not null;

-- Dedup of signal events (Alertmanager HA pairs, Kafka redeliveries); pruned by received_at.
create table signal_inbox (
    event_id    text primary key,
    resource_id text        not null,
    received_at timestamptz not null default now()
);
create index signal_inbox_received_at_idx on signal_inbox (received_at);

-- Transactional outbox. kind 'observation': a health transition for the relay to deliver with
-- signalWithStart; kind 'incident': a CloudEvent for topic vigil.incidents.
create table outbox (
    id              bigserial primary key,
    kind            text        not null check (kind in ('observation', 'incident')),
    aggregate_id    text        not null,
    event_type      text        not null,
    payload         jsonb       not null,
    created_at      timestamptz not null default now(),
    delivered_at    timestamptz,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text
);
create index outbox_pending_idx on outbox (kind, id) where delivered_at is null;

create table incident (
    id             text primary key,
    resource_id    text        not null,
    resource_type  text        not null,
    cluster        text        not null,
    workflow_id    text        not null,
    policy         text        not null,
    status         text        not null check (status in ('open', 'mitigating', 'resolved', 'failed', 'terminal', 'cancelled')),
    severity       text,
    summary        text        not null,
    phase          text,
    attempts       integer     not null default 0,
    dry_run        boolean     not null default false,
    opened_at      timestamptz not null,
    updated_at     timestamptz not null,
    closed_at      timestamptz,
    resolved_by    text,
    page_dedup_key text
);
-- GET /v1/incidents?status= (newest first) and ?resourceId=
create index incident_status_opened_idx on incident (status, opened_at desc, id);
create index incident_resource_opened_idx on incident (resource_id, opened_at desc);
create index incident_opened_idx on incident (opened_at desc, id);

-- The timeline of an incident. seq is chosen by the workflow: the idempotency key of a row.
create table incident_event (
    id          bigserial primary key,
    incident_id text        not null references incident (id),
    seq         bigint      not null,
    at          timestamptz not null,
    kind        text        not null,
    phase       text,
    message     text        not null,
    actor       text        not null,
    details     jsonb       not null default '{}'::jsonb,
    unique (incident_id, seq)
);

-- One row per action attempt (ActionContext.idempotencyKey): the journal that makes a retried
-- activity return its recorded result instead of acting twice.
create table action_execution (
    id              bigserial primary key,
    idempotency_key text        not null unique,
    incident_id     text,
    workflow_id     text        not null,
    resource_id     text        not null,
    rung            integer     not null,
    attempt         integer     not null,
    kind            text        not null check (kind in ('ACTION', 'COMPENSATION')),
    action          text        not null,
    target          text,
    params          jsonb       not null default '{}'::jsonb,
    dry_run         boolean     not null,
    outcome         text        not null check (outcome in ('STARTED', 'SUCCEEDED', 'UNCHANGED', 'WOULD_DO', 'FAILED')),
    summary         text,
    result          jsonb,
    error_type      text,
    error           text,
    tries           integer     not null default 1,
    started_at      timestamptz not null,
    finished_at     timestamptz
);
create index action_execution_incident_idx on action_execution (incident_id, started_at);

-- Every API mutation: who, what, when, result.
create table audit_log (
    id          bigserial primary key,
    at          timestamptz not null default now(),
    actor       text        not null,
    action      text        not null,
    target      text        not null,
    request     jsonb,
    result      text        not null,
    status_code integer     not null,
    trace_id    text
);
create index audit_log_at_idx on audit_log (at desc);

-- Storm guard: one lease per acting workflow; expired leases do not count.
create table remediation_lease (
    holder      text primary key,
    scope       text        not null,
    resource_id text        not null,
    incident_id text,
    acquired_at timestamptz not null,
    expires_at  timestamptz not null
);
create index remediation_lease_scope_idx on remediation_lease (scope, expires_at);

-- Storm guard bookkeeping per scope: cooldown after a verified rung, the one storm page.
create table remediation_scope (
    scope             text primary key,
    last_release_at   timestamptz,
    storm_declared_at timestamptz,
    storm_cleared_at  timestamptz
);
