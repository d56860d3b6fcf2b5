package org.streamboot.server.scsi;

/**
 * A command ends in CHECK CONDITION with this sense data. Thrown only inside the package and
 * always caught by {@link BlockScsiTarget#execute}; no stack trace, since it is an answer,
 * not a bug.
 */
final class CommandException extends Exception {

    private final transient SenseData sense;

    CommandException(SenseData sense) {
        super(null, null, false, false);
        this.sense = sense;
    }

    SenseData sense() {
        return sense;
    }

    @Override
    public String getMessage() {
        return String.format("sense key %x, ASC/ASCQ %02x/%02x", sense.senseKey(), sense.asc(), sense.ascq());
    }
}
