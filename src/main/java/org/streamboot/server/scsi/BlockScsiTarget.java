package org.streamboot.server.scsi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamboot.server.block.BlockDevice;
import org.streamboot.server.block.BlockRangeException;
import org.streamboot.server.block.OutOfSpaceException;
import org.streamboot.server.block.WriteProtectedException;

/**
 * One direct-access block device (SBC-4) at LUN 0 over one {@link BlockDevice}. Decodes the
 * CDB, checks it against the command's usage data, and hands it to the command classes; every
 * refusal is CHECK CONDITION with fixed-format sense data. Thread-safe: a transport may run
 * commands of one session (or several) concurrently.
 */
public final class BlockScsiTarget implements ScsiTarget {

    private static final Logger log = LoggerFactory.getLogger(BlockScsiTarget.class);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Medium medium;
    private final CommandDispatch dispatch;
    private final UnitAttentions attentions = new UnitAttentions();
    private final Reservations reservations = new Reservations();
    private final LongAdder commands = new LongAdder();
    private final LongAdder checkConditions = new LongAdder();

    public BlockScsiTarget(BlockDevice device, BlockTargetSettings settings) {
        Objects.requireNonNull(device, "device");
        BlockLimits limits = BlockLimits.of(settings);
        this.medium = new Medium(device, settings.blockSize(), limits);
        this.dispatch = new CommandDispatch(medium, new InquiryPages(settings, limits),
                new ModePages(medium.blocks, medium.blockSize, device.readOnly()), reservations);
    }

    @Override
    public ScsiResult execute(ScsiRequest request) {
        return answer(normalized(request), false);
    }

    /** Only READ (6/10/12/16) can be answered from RAM; anything else returns null untouched. */
    @Override
    public ScsiResult executeFromMemory(ScsiRequest request) {
        ScsiRequest normal = normalized(request);
        return MediumCommands.isRead(normal.opcode()) ? answer(normal, true) : null;
    }

    /**
     * Runs one command; with {@code memoryOnly} a read that would block returns null before
     * anything is counted or consumed (a pending unit attention is reported either way).
     */
    private ScsiResult answer(ScsiRequest normal, boolean memoryOnly) {
        ScsiResult result;
        Command command = null;
        try {
            SenseData attention = attentions.take(normal.nexus(), normal.opcode());
            if (attention != null) {
                commands.increment();
                return reportAttention(normal, attention);
            }
            command = resolve(normal.cdb(), normal.lun());
            result = reservations.conflicts(command, normal.nexus()) ? Reservations.CONFLICT
                    : run(command, normal, memoryOnly);
            if (result == null) {
                return null;
            }
        } catch (CommandException e) {
            result = ScsiResult.checkCondition(e.sense());
        } catch (RuntimeException e) {
            // A defect here, not the initiator's fault: the initiator still gets an answer.
            log.error("SCSI command {} failed inside the target", describe(normal), e);
            result = ScsiResult.checkCondition(Sense.internalTargetFailure());
        }
        commands.increment();
        if (command != null) {
            result = result.withDataOutLength(DataOutLength.of(command, normal.cdb(), medium.blockSize));
        }
        if (result.status() == ScsiStatus.CHECK_CONDITION) {
            checkConditions.increment();
            if (log.isDebugEnabled()) {
                SenseData s = result.sense();
                log.debug("{} -> CHECK CONDITION {}/{}/{}", describe(normal), s.senseKey(), s.asc(), s.ascq());
            }
        }
        return result;
    }

    @Override
    public void reset(String nexus) {
        attentions.reset();
        reservations.reset();
    }

    @Override
    public void nexusLost(String nexus) {
        attentions.lost(nexus);
        reservations.lost(nexus);
    }

    /**
     * A pending unit attention ends the command in CHECK CONDITION, except that REQUEST SENSE
     * returns it as its parameter data (SPC-5 6.39: the sense data of the pending condition).
     */
    private ScsiResult reportAttention(ScsiRequest request, SenseData attention) {
        checkConditions.increment();
        if (request.opcode() != Command.REQUEST_SENSE.opcode) {
            return ScsiResult.checkCondition(attention);
        }
        byte[] sense = attention.fixedFormat();
        int allocation = request.cdb().length > 4 ? request.cdb()[4] & 0xff : 0;
        int length = Math.min(sense.length, Math.min(allocation, Math.max(0, request.allocationLength())));
        return ScsiResult.good(ByteBuffer.wrap(sense, 0, length).slice());
    }

    /** Commands executed so far. */
    public long commandCount() {
        return commands.sum();
    }

    /** Commands answered with CHECK CONDITION so far (refused CDBs, range and I/O errors). */
    public long checkConditionCount() {
        return checkConditions.sum();
    }

    /** Capacity in logical blocks. */
    public long blocks() {
        return medium.blocks;
    }

    private static ScsiRequest normalized(ScsiRequest r) {
        if (r.cdb() != null && r.dataOut() != null && r.nexus() != null) {
            return r;
        }
        return new ScsiRequest(r.lun(), r.cdb() == null ? new byte[0] : r.cdb(),
                r.dataOut() == null ? EMPTY.duplicate() : r.dataOut(), r.allocationLength(), r.initiator(),
                r.nexus() == null ? String.valueOf(r.initiator()) : r.nexus(), r.dataInBuffer());
    }

    /** The command a CDB names, once its length and reserved bits are checked. */
    private static Command resolve(byte[] cdb, long lun) throws CommandException {
        if (cdb.length == 0) {
            throw new CommandException(Sense.invalidFieldInCdb());
        }
        int opcode = cdb[0] & 0xff;
        boolean lunZero = lun == 0;
        Command command;
        if (Command.opcodeHasServiceActions(opcode)) {
            if (cdb.length < 2) {
                throw new CommandException(Sense.invalidFieldInCdb());
            }
            command = Command.find(opcode, cdb[1] & 0x1f);
            if (command == null) {
                throw new CommandException(lunZero ? Sense.invalidFieldInCdb(1, 4) : Sense.logicalUnitNotSupported());
            }
        } else {
            command = Command.find(opcode, -1);
            if (command == null) {
                throw new CommandException(lunZero ? Sense.invalidOpcode() : Sense.logicalUnitNotSupported());
            }
        }
        // SPC-5 4.2.4 / SAM-5 5.8.4: INQUIRY, REPORT LUNS and REQUEST SENSE answer at any LUN.
        if (!lunZero && command != Command.INQUIRY && command != Command.REPORT_LUNS
                && command != Command.REQUEST_SENSE) {
            throw new CommandException(Sense.logicalUnitNotSupported());
        }
        if (cdb.length < command.length()) {
            throw new CommandException(Sense.invalidFieldInCdb());
        }
        checkUsage(command, cdb);
        return command;
    }

    private ScsiResult run(Command command, ScsiRequest request, boolean memoryOnly) throws CommandException {
        try {
            return memoryOnly ? dispatch.readFromMemory(command, request, request.cdb())
                    : dispatch.run(command, request, request.cdb(), request.lun() == 0);
        } catch (IOException e) {
            throw new CommandException(senseFor(e, command));
        }
    }

    /** Any bit set where the usage data has a zero is a reserved or unsupported field. */
    private static void checkUsage(Command command, byte[] cdb) throws CommandException {
        for (int i = 1; i < command.length(); i++) {
            int extra = cdb[i] & ~command.usage(i) & 0xff;
            if (extra != 0) {
                throw new CommandException(Sense.invalidFieldInCdb(i, 31 - Integer.numberOfLeadingZeros(extra)));
            }
        }
    }

    private static SenseData senseFor(IOException e, Command command) {
        return switch (e) {
            case BlockRangeException range -> Sense.lbaOutOfRange();
            case WriteProtectedException protectedDevice -> Sense.writeProtected();
            case OutOfSpaceException full -> Sense.spaceAllocationFailed();
            default -> {
                log.warn("medium error on {}: {}", command, e.toString());
                yield command.access == Command.Access.WRITE ? Sense.writeError() : Sense.unrecoveredReadError();
            }
        };
    }

    private static String describe(ScsiRequest r) {
        byte[] cdb = r.cdb() == null ? new byte[0] : r.cdb();
        return "LUN " + r.lun() + " CDB " + java.util.HexFormat.of().formatHex(cdb) + " from " + r.initiator();
    }
}
