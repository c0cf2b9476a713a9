-- The operator (admin) key. Only the SHA-256 of a generated key is kept, so a stolen database
-- does not hand out admin access; the plain key is shown once, at generation.
CREATE TABLE operator_key (
    id          VARCHAR(32)              NOT NULL PRIMARY KEY,
    key_hash    VARCHAR(64)              NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per (caller, Idempotency-Key). The primary key is what makes a key usable once across
-- every instance sharing this database: the first insert wins, everyone else reads the row.
CREATE TABLE idempotency_key (
    scope                  VARCHAR(200)             NOT NULL,
    idem_key               VARCHAR(255)             NOT NULL,
    fingerprint            VARCHAR(64)              NOT NULL,
    state                  VARCHAR(16)              NOT NULL,
    -- who currently runs the request; a take-over after lease expiry changes it, so a late
    -- finisher can't overwrite the new owner's result
    owner_token            VARCHAR(36)              NOT NULL,
    lease_until            TIMESTAMP WITH TIME ZONE NOT NULL,
    response_status        INTEGER,
    response_content_type  VARCHAR(255),
    response_location      VARCHAR(2048),
    response_body          BYTEA,
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at           TIMESTAMP WITH TIME ZONE,
    CONSTRAINT idempotency_key_pk PRIMARY KEY (scope, idem_key),
    CONSTRAINT idempotency_key_state CHECK (state IN ('in_flight', 'completed'))
);

CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);
