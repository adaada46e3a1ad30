-- active_signals as json rather than jsonb. Its one writer (the partition owner) rewrites it whole
-- on every event a resource gets, and its readers (the API, the CLI, the backtest) read it whole as
-- text; nothing queries inside it. jsonb made PostgreSQL parse, sort and copy every key of it on
-- every row write: about 2.7 us of ~16 us of the server's CPU per rewritten row. json keeps the
-- text as written (checked as valid JSON), in the writer's key order. For an ad hoc containment
-- query, cast: active_signals::jsonb @> '[{"code": "KubePodCrashLooping"}]'.
alter table resource_state alter column active_signals drop default;
alter table resource_state alter column active_signals type json using active_signals::text::json;
alter table resource_state alter column active_signals set default '[]';
