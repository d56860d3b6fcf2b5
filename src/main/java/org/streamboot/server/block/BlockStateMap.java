package org.streamboot.server.block;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The in-memory overlay map: 2 bits per block, 32 blocks per {@code long}, plus a dirty bit
 * per map page so that a flush writes only the pages that changed.
 *
 * <p>The words, written little-endian one after another, are exactly the on-disk body: byte
 * {@code j} holds blocks {@code 4j..4j+3}, block {@code 4j+k} in bits {@code 2k..2k+1}. So a
 * page of the body is a plain slice of the word array. No I/O happens here.
 */
final class BlockStateMap {

    static final int PAGE_BYTES = 4096;
    static final int BLOCKS_PER_WORD = 32;
    private static final int WORDS_PER_PAGE = PAGE_BYTES / Long.BYTES;

    private final long blockCount;
    private final AtomicLongArray words;
    private final AtomicLongArray dirtyPages;

    BlockStateMap(long blockCount) {
        long wordCount = (blockCount + BLOCKS_PER_WORD - 1) / BLOCKS_PER_WORD;
        if (wordCount > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("device too large for the overlay map: " + blockCount + " blocks");
        }
        this.blockCount = blockCount;
        this.words = new AtomicLongArray((int) wordCount);
        this.dirtyPages = new AtomicLongArray((pageCount() + 63) / 64);
    }

    long blockCount() {
        return blockCount;
    }

    /** Length of the on-disk body: one byte per 4 blocks, rounded up. */
    long bodyBytes() {
        return (blockCount + 3) / 4;
    }

    int pageCount() {
        return (int) ((bodyBytes() + PAGE_BYTES - 1) / PAGE_BYTES);
    }

    BlockState get(long block) {
        long word = words.get((int) (block / BLOCKS_PER_WORD));
        return BlockState.ofCode((int) (word >>> shift(block)) & 3);
    }

    /** Sets a block's state and returns the previous one; marks its map page dirty. */
    BlockState set(long block, BlockState state) {
        int index = (int) (block / BLOCKS_PER_WORD);
        int shift = shift(block);
        long mask = 3L << shift;
        long bits = (long) state.code() << shift;
        long old;
        do {
            old = words.get(index);
        } while (!words.compareAndSet(index, old, (old & ~mask) | bits));
        BlockState previous = BlockState.ofCode((int) (old >>> shift) & 3);
        if (previous != state) {
            // State first, dirty bit second: a flush clears the bit before it copies the page,
            // so it either copies the new state or sees the bit set again next time.
            markDirty(index / WORDS_PER_PAGE);
        }
        return previous;
    }

    long count(BlockState state) {
        long n = 0;
        for (long b = 0; b < blockCount; b++) {
            if (get(b) == state) {
                n++;
            }
        }
        return n;
    }

    /** Loads one body page read from disk; refuses the unassigned code 3. */
    void loadPage(int page, byte[] bytes) {
        int firstWord = page * WORDS_PER_PAGE;
        for (int w = 0; w < WORDS_PER_PAGE && firstWord + w < words.length(); w++) {
            long word = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                int at = w * Long.BYTES + i;
                long b = at < bytes.length ? bytes[at] & 0xFF : 0;
                word |= b << (8 * i);
            }
            if (((word >>> 1) & word & 0x5555_5555_5555_5555L) != 0) {
                throw new IllegalArgumentException("map page " + page + " holds the unassigned state code 3");
            }
            words.set(firstWord + w, word);
        }
        trimUnusedBits();
    }

    /** Encodes one page as it goes to disk (the last page may be shorter). */
    byte[] encodePage(int page) {
        long start = (long) page * PAGE_BYTES;
        int length = (int) Math.min(PAGE_BYTES, bodyBytes() - start);
        byte[] bytes = new byte[length];
        int firstWord = page * WORDS_PER_PAGE;
        for (int at = 0; at < length; at++) {
            long word = words.get(firstWord + at / Long.BYTES);
            bytes[at] = (byte) (word >>> (8 * (at % Long.BYTES)));
        }
        return bytes;
    }

    /** Clears every dirty bit and returns the pages that were dirty, encoded now. */
    List<DirtyPage> drainDirty() {
        List<DirtyPage> pages = new ArrayList<>();
        for (int i = 0; i < dirtyPages.length(); i++) {
            long bits = dirtyPages.getAndSet(i, 0);
            while (bits != 0) {
                int page = i * 64 + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                pages.add(new DirtyPage(page, encodePage(page)));
            }
        }
        return pages;
    }

    /** Puts pages back on the dirty list after a failed write, so the next flush retries. */
    void markDirty(List<DirtyPage> pages) {
        pages.forEach(p -> markDirty(p.page()));
    }

    void clear() {
        for (int i = 0; i < words.length(); i++) {
            words.set(i, 0);
        }
        for (int i = 0; i < dirtyPages.length(); i++) {
            dirtyPages.set(i, 0);
        }
    }

    record DirtyPage(int page, byte[] bytes) {
    }

    private void markDirty(int page) {
        int index = page / 64;
        long bit = 1L << (page % 64);
        if ((dirtyPages.get(index) & bit) == 0) {
            dirtyPages.getAndAccumulate(index, bit, (a, b) -> a | b);
        }
    }

    /** Bits past the last block must read as UNALLOCATED whatever a damaged file held. */
    private void trimUnusedBits() {
        int used = (int) (blockCount % BLOCKS_PER_WORD);
        if (used != 0 && words.length() > 0) {
            int last = words.length() - 1;
            words.set(last, words.get(last) & ((1L << (2 * used)) - 1));
        }
    }

    private static int shift(long block) {
        return (int) (block % BLOCKS_PER_WORD) * 2;
    }
}
