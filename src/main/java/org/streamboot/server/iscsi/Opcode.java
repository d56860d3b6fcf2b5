package org.streamboot.server.iscsi;

/** Opcode values of RFC 7143 section 11.1.1 (initiator) and 11.1.2 (target). */
final class Opcode {

    static final int NOP_OUT = 0x00, SCSI_COMMAND = 0x01, TASK_MGMT_REQUEST = 0x02, LOGIN_REQUEST = 0x03,
            TEXT_REQUEST = 0x04, DATA_OUT = 0x05, LOGOUT_REQUEST = 0x06, SNACK_REQUEST = 0x10;
    static final int NOP_IN = 0x20, SCSI_RESPONSE = 0x21, TASK_MGMT_RESPONSE = 0x22, LOGIN_RESPONSE = 0x23,
            TEXT_RESPONSE = 0x24, DATA_IN = 0x25, LOGOUT_RESPONSE = 0x26, R2T = 0x31, ASYNC_MESSAGE = 0x32, REJECT = 0x3f;

    private Opcode() {
    }
}
