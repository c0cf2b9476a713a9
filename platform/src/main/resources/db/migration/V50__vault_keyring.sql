-- The vault's keyring (envelope encryption): the data keys that seal values and key fingerprints are kept here, each
-- wrapped by a master key. Master keys never reach the database: each node holds them in its data directory
-- (master.keys, or master.key from before the keyring) or in HUITONG_MASTER_KEY / HUITONG_MASTER_KEY_NEXT.
--
-- A master key as the keyring knows it: its id (the first 4 bytes of the key's SHA-256, in hex), when the keyring
-- started wrapping data keys under it, when a rotation replaced it and when an operator destroyed it.
create table vault_master_key (
    id            varchar(16) primary key,
    created_at    timestamp with time zone not null,
    retired_at    timestamp with time zone,
    destroyed_at  timestamp with time zone,
    constraint vault_master_key_destroyed_retired check (destroyed_at is null or retired_at is not null)
);

-- A data key, wrapped: base64(nonce | AES-256-GCM(key) | tag) under a key derived from master_key_id, bound to the data
-- key's id and purpose. purpose: seal (seals new values, v2.<id>.), fingerprint (the root fingerprint keys are derived
-- from), legacy (an upgraded installation's master key of before: opens the v1.<id>. values it sealed and stays the root
-- of its fingerprints). A rotation wraps every data key anew under the new master key; the keys themselves never change.
create table vault_data_key (
    id             varchar(40)  primary key,
    purpose        varchar(16)  not null,
    master_key_id  varchar(16)  not null references vault_master_key (id),
    wrapped        varchar(200) not null,
    created_at     timestamp with time zone not null,
    rewrapped_at   timestamp with time zone
);
create index vault_data_key_master on vault_data_key (master_key_id);

-- One row: the current master key, the data key new values are sealed with and the one fingerprints derive from.
-- Rotations and destructions lock it, so they happen one after the other; the first node to start creates it.
create table vault_keyring (
    id                  integer      primary key,
    master_key_id       varchar(16)  not null references vault_master_key (id),
    seal_key_id         varchar(40)  not null references vault_data_key (id),
    fingerprint_key_id  varchar(40)  not null references vault_data_key (id),
    rotated_at          timestamp with time zone,
    constraint vault_keyring_one_row check (id = 1)
);
