package org.streamboot.server.model;

import java.util.Optional;

/**
 * One PC the server knows. The MAC finds it on the wire; the initiator IQN names it to the
 * iSCSI target, which uses it to pick this client's own write cache and nobody else's.
 *
 * @param groupId      empty when the client is in no group
 * @param lastFirmware what DHCP last told about the firmware; UNKNOWN before its first boot
 * @param lastIp       the address it last used, or empty
 * @param lastSeenAt   epoch milliseconds of its last boot event, 0 if never seen
 */
public record Client(long id, MacAddress mac, String name, String initiatorIqn, Optional<Long> groupId,
                     RegistrationState registration, Firmware lastFirmware, Optional<String> lastIp,
                     long lastSeenAt, long createdAt) {
}
