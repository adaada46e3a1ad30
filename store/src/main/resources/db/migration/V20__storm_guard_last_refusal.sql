-- Storm guard (activities): when the scope last refused a lease. A storm stays declared while
-- refusals keep coming; after a quiet period without any, the next refusal is a new storm (and
-- pages again).
alter table remediation_scope add column last_refused_at timestamptz;
