-- Ingest: signal_marks is ingest's own bookkeeping (per "code|reason" the status and
-- observedAt of the newest event applied, and short hashes of the recent event ids). Only the
-- partition owner reads and writes it, always whole, through its own JSON codec; nothing queries
-- inside it. As jsonb, PostgreSQL parsed it (lexing, key sorting, a copy of every key) on every
-- row write: about 2.7 us of ~18 us of the server's CPU per rewritten row. As text, a write is a
-- copy. The content stays the same JSON (cast to jsonb to look inside: signal_marks::jsonb).
alter table resource_state alter column signal_marks drop default;
alter table resource_state alter column signal_marks type text using signal_marks::text;
alter table resource_state alter column signal_marks set default '{}';
