-- A PC's own iPXE build for UEFI PXE boot (NULL: the server's boot.uefi-binary setting), for
-- the odd NIC that only works through the firmware's driver (snponly_efi) while the rest of
-- the room uses iPXE's own drivers. Reservations need no column: they are dhcp_leases rows
-- with reserved = 1.
ALTER TABLE clients ADD COLUMN uefi_binary TEXT CHECK (uefi_binary IN ('ipxe_efi', 'snponly_efi'));
