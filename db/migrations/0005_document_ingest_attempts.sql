-- How many times ingestion of a document has started. A document whose parsing kills the silo process would
-- otherwise be resumed, and kill the silo again, on every start.
ALTER TABLE documents ADD COLUMN ingest_attempts integer NOT NULL DEFAULT 0;
