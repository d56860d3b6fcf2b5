package org.streamboot.server.nbd;

/**
 * Numbers from the NBD protocol document (NetworkBlockDevice/nbd, doc/proto.md). Only the
 * fixed newstyle handshake is spoken; oldstyle and plain newstyle clients are not served.
 */
final class NbdProtocol {

    private NbdProtocol() {
    }

    // "Handshake" / "Newstyle negotiation": the server greeting.
    static final long NBDMAGIC = 0x4e42444d41474943L; // "NBDMAGIC"
    static final long IHAVEOPT = 0x49484156454f5054L; // "IHAVEOPT", also the option request magic
    static final long OPTION_REPLY_MAGIC = 0x0003e889045565a9L;

    // Handshake flags (server) and client flags.
    static final int FLAG_FIXED_NEWSTYLE = 1;
    static final int FLAG_NO_ZEROES = 1 << 1;
    static final int CLIENT_FLAGS_KNOWN = FLAG_FIXED_NEWSTYLE | FLAG_NO_ZEROES;

    // Option types ("Option types").
    static final int OPT_EXPORT_NAME = 1;
    static final int OPT_ABORT = 2;
    static final int OPT_LIST = 3;
    static final int OPT_STARTTLS = 5;
    static final int OPT_INFO = 6;
    static final int OPT_GO = 7;
    static final int OPT_STRUCTURED_REPLY = 8;

    // Option reply types ("Option reply types"); errors have bit 31 set.
    static final int REP_ACK = 1;
    static final int REP_SERVER = 2;
    static final int REP_INFO = 3;
    static final int REP_ERR_UNSUP = 0x80000001;
    static final int REP_ERR_POLICY = 0x80000002;
    static final int REP_ERR_INVALID = 0x80000003;
    static final int REP_ERR_UNKNOWN = 0x80000006;
    static final int REP_ERR_TOO_BIG = 0x80000009;

    // Information types carried by NBD_REP_INFO (NBD_OPT_INFO / NBD_OPT_GO).
    static final int INFO_EXPORT = 0;
    static final int INFO_NAME = 1;
    static final int INFO_DESCRIPTION = 2;
    static final int INFO_BLOCK_SIZE = 3;

    // Transmission flags ("Transmission flags").
    static final int TX_HAS_FLAGS = 1;
    static final int TX_READ_ONLY = 1 << 1;
    static final int TX_SEND_FLUSH = 1 << 2;
    static final int TX_SEND_FUA = 1 << 3;
    static final int TX_SEND_TRIM = 1 << 5;
    static final int TX_SEND_WRITE_ZEROES = 1 << 6;
    static final int TX_CAN_MULTI_CONN = 1 << 8;

    // Transmission phase magics.
    static final int REQUEST_MAGIC = 0x25609513;
    static final int SIMPLE_REPLY_MAGIC = 0x67446698;
    static final int STRUCTURED_REPLY_MAGIC = 0x668e33ef;

    // Request types.
    static final int CMD_READ = 0;
    static final int CMD_WRITE = 1;
    static final int CMD_DISC = 2;
    static final int CMD_FLUSH = 3;
    static final int CMD_TRIM = 4;
    static final int CMD_WRITE_ZEROES = 6;

    // Command flags.
    static final int CMD_FLAG_FUA = 1;
    static final int CMD_FLAG_NO_HOLE = 1 << 1;

    // Structured reply chunk flags and types ("Structured reply chunk message types").
    static final int REPLY_FLAG_DONE = 1;
    static final int REPLY_TYPE_NONE = 0;
    static final int REPLY_TYPE_OFFSET_DATA = 1;
    static final int REPLY_TYPE_ERROR = 0x8001;

    // Error values ("Error values"): Linux errno numbers, fixed by the protocol.
    static final int EPERM = 1;
    static final int EIO = 5;
    static final int EINVAL = 22;
    static final int ENOSPC = 28;

    // Limits. 32 MiB is the protocol's default maximum payload when no block size is
    // advertised, and what nbd-server and nbdkit accept.
    static final int MAX_PAYLOAD = 32 * 1024 * 1024;
    static final int PREFERRED_BLOCK = 4096;
    /** Export names and descriptions are limited to 4096 bytes by the document. */
    static final int MAX_STRING = 4096;
    /** Largest option payload read into memory: a name plus a generous list of info requests. */
    static final int MAX_OPTION_DATA = 4 + MAX_STRING + 2 + 2 * 64;
    static final int REQUEST_HEADER = 28;
    /** Reply to NBD_OPT_EXPORT_NAME without NO_ZEROES carries 124 bytes of zeros. */
    static final int EXPORT_NAME_PADDING = 124;
}
