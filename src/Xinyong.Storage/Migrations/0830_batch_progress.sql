-- A batch's live progress (issue 18 item 4): the rows read so far, committed with each chunk's load together with the
-- running counts (accepted, updated, duplicates, rejected), so the counts never run ahead of the data.
ALTER TABLE batches ADD COLUMN rows_read INTEGER NOT NULL DEFAULT 0;
-- The file's row count when known cheaply (lines of a CSV or JSON-lines file, the worksheet's rows): the progress bar's end.
ALTER TABLE batches ADD COLUMN total_rows INTEGER;
-- A file uploaded for background processing waits in this spool file (beside the keys folder) until a worker finishes it.
ALTER TABLE batches ADD COLUMN spool TEXT;
ALTER TABLE batches ADD COLUMN file_size {{bigint}};
-- Why a background batch could not be completed (Chinese, for the provider), e.g. a file that cannot be read.
ALTER TABLE batches ADD COLUMN error TEXT;
UPDATE batches SET rows_read = accepted + duplicates + rejected WHERE response IS NOT NULL;
CREATE INDEX batches_waiting ON batches (id) WHERE spool IS NOT NULL AND finished_at IS NULL;
