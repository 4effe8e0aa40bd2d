-- Symbolon vault schema, version 2: the history of coordinated backups (EP keeps it; seed 000's
-- "saves the result and the backup parameters"). Times are milliseconds since 1970-01-01 UTC.
CREATE TABLE backup_history (
    id              VARCHAR(16)   NOT NULL PRIMARY KEY,
    state           VARCHAR(16)   NOT NULL CHECK (state IN ('IN_PROGRESS', 'TEST_SUCCESS', 'TEST_FAILED', 'FAILED')),
    trigger_name    VARCHAR(32)   NOT NULL,
    started_at      BIGINT        NOT NULL,
    finished_at     BIGINT,
    file_name       VARCHAR(64)   NOT NULL,
    -- One "Role : hostname" per line.
    pair_hostnames  VARCHAR(1024) NOT NULL,
    software        VARCHAR(64)   NOT NULL,
    epoch           BIGINT,
    ep_records      BIGINT,
    partner_records BIGINT,
    ep_bytes        BIGINT,
    partner_bytes   BIGINT,
    reason          TEXT,
    -- The digest difference of a TEST_FAILED backup, as the REST API's JSON.
    digest_diff     TEXT
);

CREATE INDEX backup_history_started ON backup_history (started_at);
