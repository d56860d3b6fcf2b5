-- Maintenance mode: the one client that writes the draft version, and the mode the vDisk
-- returns to when the draft is promoted (NULL while the vDisk is not in maintenance).
ALTER TABLE vdisks ADD COLUMN maintenance_client_id INTEGER REFERENCES clients(id) ON DELETE SET NULL;
ALTER TABLE vdisks ADD COLUMN mode_before_maintenance TEXT;
