-- Grain state for Orleans' ADO.NET storage provider (Microsoft.Orleans.Persistence.AdoNet).
--
-- The provider reads its three statements from orleansquery at start-up and binds these parameters:
-- GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString (the state name), GrainIdExtensionString
-- (NULL unless the key has an extension or is a string), ServiceId, GrainStateVersion (NULL on a grain's
-- first write) and PayloadBinary. A read returns PayloadBinary and Version; a write or clear returns the new
-- version, and no row or a NULL means a version conflict, which the provider raises as
-- InconsistentStateException.
--
-- The primary key is the grain's whole identity, so two racing first writes (a duplicate activation) can
-- never leave two rows: the loser's INSERT does nothing and it gets a conflict.

CREATE TABLE orleans_grain_state (
    service_id                varchar(150)  NOT NULL,
    grain_type                varchar(512)  NOT NULL,
    grain_id_n0               bigint        NOT NULL,
    grain_id_n1               bigint        NOT NULL,
    grain_id_extension        varchar(1024) NOT NULL,
    grain_id_hash             integer       NOT NULL,
    grain_type_hash           integer       NOT NULL,
    payload                   bytea,
    version                   integer       NOT NULL,
    modified_at               timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT orleans_grain_state_pkey
        PRIMARY KEY (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension)
);

-- Unquoted names fold to lower case, and the provider asks for "QueryKey, QueryText FROM OrleansQuery".
CREATE TABLE orleansquery (
    querykey  varchar(64) PRIMARY KEY,
    querytext text        NOT NULL
);

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', $sql$
SELECT payload AS "PayloadBinary", version AS "Version"
FROM orleans_grain_state
WHERE service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension = COALESCE(@GrainIdExtensionString::varchar, '')
$sql$),
('WriteToStorageKey', $sql$
WITH updated AS (
    UPDATE orleans_grain_state
    SET payload = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE @GrainStateVersion::integer IS NOT NULL
      AND service_id = @ServiceId
      AND grain_type = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND grain_id_extension = COALESCE(@GrainIdExtensionString::varchar, '')
      AND version = @GrainStateVersion::integer
    RETURNING version
), inserted AS (
    INSERT INTO orleans_grain_state (
        service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension,
        grain_id_hash, grain_type_hash, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString::varchar, ''),
        @GrainIdHash, @GrainTypeHash, @PayloadBinary, 1
    WHERE @GrainStateVersion::integer IS NULL
    ON CONFLICT ON CONSTRAINT orleans_grain_state_pkey DO NOTHING
    RETURNING version
)
SELECT version AS "NewGrainStateVersion" FROM updated
UNION ALL
SELECT version FROM inserted
$sql$),
('ClearStorageKey', $sql$
UPDATE orleans_grain_state
SET payload = NULL, version = version + 1, modified_at = now()
WHERE service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension = COALESCE(@GrainIdExtensionString::varchar, '')
  AND version = @GrainStateVersion::integer
RETURNING version AS "NewGrainStateVersion"
$sql$);
