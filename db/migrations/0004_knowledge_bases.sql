-- Knowledge bases, their documents and the chunks that search reads. The original file is kept so that an
-- ingestion interrupted by a silo restart can start again from the stored bytes.

CREATE TABLE knowledge_bases (
    id          uuid        PRIMARY KEY,
    tenant_id   uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    -- Chunk i lives in index shard (i mod shard_count); fixed when the knowledge base is created.
    shard_count integer     NOT NULL CHECK (shard_count BETWEEN 1 AND 64),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT knowledge_bases_tenant_name_key UNIQUE (tenant_id, name)
);

CREATE TABLE documents (
    id                uuid        PRIMARY KEY,
    knowledge_base_id uuid        NOT NULL REFERENCES knowledge_bases (id) ON DELETE CASCADE,
    title             text        NOT NULL,
    file_name         text        NOT NULL,
    content_type      text        NOT NULL,
    size_bytes        bigint      NOT NULL CHECK (size_bytes >= 0),
    content_sha256    bytea       NOT NULL CHECK (length(content_sha256) = 32),
    content           bytea       NOT NULL,
    status            text        NOT NULL CHECK (status IN ('queued', 'parsing', 'embedding', 'indexed', 'failed')),
    error_code        text,
    error_message     text,
    chunk_count       integer     NOT NULL DEFAULT 0,
    chunks_embedded   integer     NOT NULL DEFAULT 0,
    parse_ms          integer,
    embed_ms          integer,
    index_ms          integer,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    -- The same bytes uploaded twice to one knowledge base are one document.
    CONSTRAINT documents_content_key UNIQUE (knowledge_base_id, content_sha256)
);

CREATE INDEX documents_knowledge_base_idx ON documents (knowledge_base_id, created_at);
CREATE INDEX documents_unfinished_idx ON documents (status) WHERE status IN ('queued', 'parsing', 'embedding');

-- The id is the key of the chunk's vector in the HNSW index, which takes unsigned 64-bit keys.
CREATE TABLE chunks (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id       uuid        NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    knowledge_base_id uuid        NOT NULL REFERENCES knowledge_bases (id) ON DELETE CASCADE,
    ordinal           integer     NOT NULL,
    heading           text        NOT NULL DEFAULT '',
    page              integer,
    start_offset      integer     NOT NULL,
    end_offset        integer     NOT NULL,
    text              text        NOT NULL,
    embedding         real[],
    search_vector     tsvector    GENERATED ALWAYS AS (
        setweight(to_tsvector('english', heading), 'A') || setweight(to_tsvector('english', text), 'B')) STORED,
    CONSTRAINT chunks_document_ordinal_key UNIQUE (document_id, ordinal)
);

CREATE INDEX chunks_knowledge_base_idx ON chunks (knowledge_base_id);
CREATE INDEX chunks_search_idx ON chunks USING gin (search_vector);
