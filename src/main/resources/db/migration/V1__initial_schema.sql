-- Streamboot schema, version 1. Times are epoch milliseconds (UTC).

CREATE TABLE client_groups (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    created_at  INTEGER NOT NULL
);

CREATE TABLE clients (
    id              INTEGER PRIMARY KEY,
    mac             TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    initiator_iqn   TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    group_id        INTEGER REFERENCES client_groups(id) ON DELETE SET NULL,
    registration    TEXT    NOT NULL CHECK (registration IN ('APPROVED', 'PENDING', 'REJECTED')),
    last_firmware   TEXT    NOT NULL DEFAULT 'UNKNOWN',
    last_ip         TEXT,
    last_seen_at    INTEGER NOT NULL DEFAULT 0,
    chap_secret     TEXT,
    created_at      INTEGER NOT NULL
);
CREATE INDEX clients_by_group ON clients(group_id);

CREATE TABLE vdisks (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    mode            TEXT    NOT NULL CHECK (mode IN ('STANDARD', 'PRIVATE', 'MAINTENANCE')),
    size_bytes      INTEGER NOT NULL CHECK (size_bytes >= 0),
    persistent      INTEGER NOT NULL DEFAULT 0 CHECK (persistent IN (0, 1)),
    current_version INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL
);

CREATE TABLE vdisk_versions (
    id              INTEGER PRIMARY KEY,
    vdisk_id        INTEGER NOT NULL REFERENCES vdisks(id) ON DELETE CASCADE,
    number          INTEGER NOT NULL CHECK (number >= 1),
    parent_number   INTEGER NOT NULL DEFAULT 0,
    state           TEXT    NOT NULL CHECK (state IN ('DRAFT', 'ACTIVE', 'RETIRED')),
    file            TEXT    NOT NULL,
    note            TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    UNIQUE (vdisk_id, number)
);

-- A vDisk offered to one client or to a whole group (exactly one of the two).
CREATE TABLE assignments (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER REFERENCES clients(id) ON DELETE CASCADE,
    group_id    INTEGER REFERENCES client_groups(id) ON DELETE CASCADE,
    vdisk_id    INTEGER NOT NULL REFERENCES vdisks(id) ON DELETE RESTRICT,
    is_default  INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    position    INTEGER NOT NULL DEFAULT 0,
    CHECK ((client_id IS NULL) <> (group_id IS NULL)),
    UNIQUE (client_id, vdisk_id),
    UNIQUE (group_id, vdisk_id)
);
CREATE UNIQUE INDEX assignments_one_default_per_client ON assignments(client_id)
    WHERE is_default = 1 AND client_id IS NOT NULL;
CREATE UNIQUE INDEX assignments_one_default_per_group ON assignments(group_id)
    WHERE is_default = 1 AND group_id IS NOT NULL;
CREATE INDEX assignments_by_vdisk ON assignments(vdisk_id);

-- Boot history, bounded: the trigger keeps the newest 20000 rows.
CREATE TABLE boot_events (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    mac         TEXT,
    stage       TEXT    NOT NULL,
    severity    TEXT    NOT NULL CHECK (severity IN ('INFO', 'WARNING', 'ERROR')),
    detail      TEXT    NOT NULL
);
CREATE INDEX boot_events_by_mac ON boot_events(mac, id);
CREATE TRIGGER boot_events_bounded AFTER INSERT ON boot_events
BEGIN
    DELETE FROM boot_events WHERE id <= NEW.id - 20000;
END;

CREATE TABLE settings (
    key     TEXT PRIMARY KEY,
    value   TEXT NOT NULL
);

-- Leases handed out in full DHCP mode; a reserved row pins an address to a MAC.
CREATE TABLE dhcp_leases (
    ip          TEXT    PRIMARY KEY,
    mac         TEXT    NOT NULL UNIQUE,
    hostname    TEXT,
    expires_at  INTEGER NOT NULL,
    reserved    INTEGER NOT NULL DEFAULT 0 CHECK (reserved IN (0, 1))
);
CREATE INDEX dhcp_leases_by_expiry ON dhcp_leases(expires_at);
