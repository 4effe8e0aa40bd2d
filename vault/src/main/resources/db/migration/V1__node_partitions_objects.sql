-- Symbolon vault schema, version 1. One file for SQLite and PostgreSQL: ${uid_type} is INTEGER on
-- SQLite (so the uid is the row id and the table is stored in uid order) and BIGINT on PostgreSQL;
-- ${binary} is BLOB or BYTEA. Times are milliseconds since 1970-01-01 UTC.

-- The node itself: one row, written at boot.
CREATE TABLE node (
    id                   INTEGER      NOT NULL PRIMARY KEY CHECK (id = 1),
    role                 VARCHAR(16)  NOT NULL CHECK (role IN ('EP', 'PARTNER')),
    pair_id              VARCHAR(16)  NOT NULL,
    node_id              VARCHAR(16)  NOT NULL,
    self_hostname        VARCHAR(255) NOT NULL,
    peer_hostname        VARCHAR(255) NOT NULL,
    current_epoch        BIGINT       NOT NULL,
    -- A refresh in progress: every share moves from current_epoch to refresh_target_epoch, with masks
    -- derived from refresh_seed (sealed under the system key), so an interrupted refresh resumes.
    refresh_phase        VARCHAR(16)  NOT NULL CHECK (refresh_phase IN ('IDLE', 'REWRITING')),
    refresh_target_epoch BIGINT       NOT NULL,
    refresh_seed         ${binary},
    updated_at           BIGINT       NOT NULL
);

CREATE TABLE partitions (
    name       VARCHAR(64) NOT NULL PRIMARY KEY,
    created_at BIGINT      NOT NULL
);

CREATE TABLE partition_users (
    partition_name   VARCHAR(64)  NOT NULL REFERENCES partitions (name),
    user_name        VARCHAR(64)  NOT NULL,
    password_hash    VARCHAR(512) NOT NULL,
    security_officer BOOLEAN      NOT NULL,
    created_at       BIGINT       NOT NULL,
    PRIMARY KEY (partition_name, user_name)
);

-- One row per object: its public description, and this node's share sealed under the system key,
-- bound to uid, version, epoch, role and every other column (see ShareCipher).
CREATE TABLE objects (
    uid              ${uid_type}  NOT NULL PRIMARY KEY,
    partition_name   VARCHAR(64)  NOT NULL REFERENCES partitions (name),
    name             VARCHAR(255) NOT NULL,
    object_type      VARCHAR(16)  NOT NULL,
    version          BIGINT       NOT NULL,
    epoch            BIGINT       NOT NULL,
    label            VARCHAR(255) NOT NULL,
    key_id           VARCHAR(256) NOT NULL,
    extractable      BOOLEAN      NOT NULL,
    sensitive        BOOLEAN      NOT NULL,
    usages           INTEGER      NOT NULL,
    created_at       BIGINT       NOT NULL,
    activation_at    BIGINT,
    deactivation_at  BIGINT,
    public_data      ${binary}    NOT NULL,
    sealed_share     ${binary}    NOT NULL,
    -- Two-phase creation and deletion: PENDING until the peer confirms, DELETING until both delete.
    state            VARCHAR(16)  NOT NULL CHECK (state IN ('PENDING', 'ACTIVE', 'DELETING')),
    state_changed_at BIGINT       NOT NULL,
    CONSTRAINT objects_name_unique UNIQUE (partition_name, name)
);

-- Listing one partition page by page, in uid order.
CREATE INDEX objects_partition_uid ON objects (partition_name, uid);

-- Finding operations the peer never confirmed; small, since nearly every row is ACTIVE.
CREATE INDEX objects_unsettled ON objects (state_changed_at) WHERE state <> 'ACTIVE';
