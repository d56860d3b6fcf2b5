package org.streamboot.server.block;

import java.io.IOException;

/**
 * A block request that the device refuses for a reason the client caused or must be told
 * about in its own protocol's words, as opposed to a plain {@link IOException} (medium error).
 */
public abstract sealed class BlockException extends IOException
        permits BlockRangeException, WriteProtectedException, OutOfSpaceException {

    protected BlockException(String message) {
        super(message);
    }
}
