package org.streamboot.server.iscsi;

/** Task management function and response codes (RFC 7143 11.5.1, 11.6.1). */
final class TaskManagement {

    static final int ABORT_TASK = 1, ABORT_TASK_SET = 2, CLEAR_ACA = 3, CLEAR_TASK_SET = 4, LOGICAL_UNIT_RESET = 5,
            TARGET_WARM_RESET = 6, TARGET_COLD_RESET = 7, TASK_REASSIGN = 8;
    static final int FUNCTION_COMPLETE = 0, TASK_DOES_NOT_EXIST = 1, REASSIGNMENT_NOT_SUPPORTED = 4, NOT_SUPPORTED = 5;

    private TaskManagement() {
    }

    /** LOGICAL UNIT RESET and the target resets reach the logical unit, which then raises a unit attention. */
    static boolean resetsLogicalUnit(int function) {
        return function == LOGICAL_UNIT_RESET || function == TARGET_WARM_RESET || function == TARGET_COLD_RESET;
    }

    /**
     * RFC 7143 11.5.1: when ABORT TASK names no existing task, but RefCmdSN lies inside the
     * window and before the TMF's own CmdSN, the command may still be in flight (lost or not
     * yet arrived): the target treats it as received and answers "Function complete".
     */
    static boolean unseenButInWindow(int refCmdSn, int tmfCmdSn, int expCmdSn) {
        // Commands in [ExpCmdSN, TMF CmdSN) have not arrived yet. A TMF delivered in order has
        // advanced ExpCmdSN past itself, so every earlier command was seen: the span is empty.
        int span = tmfCmdSn - expCmdSn;
        return span > 0 && Integer.compareUnsigned(refCmdSn - expCmdSn, span) < 0;
    }
}
