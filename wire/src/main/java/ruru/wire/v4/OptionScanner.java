package ruru.wire.v4;

import java.util.Arrays;

import ruru.wire.WireFormatException;

/**
 * Walks option areas of one buffer and remembers where each instance's data lies, so that the
 * instances of one code can be joined (RFC 3396 section 6: options, then file, then sname) with one
 * copy per option and no per-byte boxing. Every length is checked against the area's end: an option
 * running past it ends a packet's area (as Kea's unpackOptions4) and fails a sub-option block.
 */
final class OptionScanner {

    private final byte[] buf;
    /** Per instance seen: code, data offset, data length (one array: one allocation per packet). */
    private int[] seg = new int[3 * 16];
    private int segments;
    private long seen0;
    private long seen1;
    private long seen2;
    private long seen3;
    private int distinct;
    private int overloadSegment = -1;

    OptionScanner(byte[] buf) {
        this.buf = buf;
    }

    /**
     * Scans [from, to). Returns true when an end option was found. Kea tolerates a missing end (it
     * stops at the end of the buffer) and so do we. For a packet's area ({@code area} null) an
     * option without its length byte or whose length runs past the area ends the area quietly, the
     * options before it kept: Kea's LibDHCP::unpackOptions4 returns there and Pkt4::unpack ignores
     * what is left (kea-dhcp4 2.2 answers such a DISCOVER, observed; Kea 3's source is the same).
     * A named sub-option block is kept strict: there it is an error naming the area.
     */
    boolean scan(int from, int to, String area) throws WireFormatException {
        int pos = from;
        while (pos < to) {
            int code = buf[pos] & 0xff;
            if (code == OptionCodes.PAD) {
                pos++;
                continue;
            }
            if (code == OptionCodes.END) {
                return true;
            }
            if (pos + 1 >= to) {
                if (area == null) {
                    return false;
                }
                throw new WireFormatException("truncated option " + code + " in " + area + ": no length byte");
            }
            int len = buf[pos + 1] & 0xff;
            int start = pos + 2;
            if (start + len > to) {
                if (area == null) {
                    return false;
                }
                throw new WireFormatException("option " + code + " in " + area + " claims " + len
                        + " bytes but only " + (to - start) + " remain");
            }
            add(code, start, len);
            pos = start + len;
        }
        return false;
    }

    private void add(int code, int off, int len) {
        if (3 * segments == seg.length) {
            seg = Arrays.copyOf(seg, seg.length * 2);
        }
        seg[3 * segments] = code;
        seg[3 * segments + 1] = off;
        seg[3 * segments + 2] = len;
        if (code == OptionCodes.OVERLOAD && overloadSegment < 0) {
            overloadSegment = segments;
        }
        segments++;
        long bit = 1L << (code & 63);
        switch (code >>> 6) {
            case 0 -> {
                if ((seen0 & bit) == 0) {
                    distinct++;
                    seen0 |= bit;
                }
            }
            case 1 -> {
                if ((seen1 & bit) == 0) {
                    distinct++;
                    seen1 |= bit;
                }
            }
            case 2 -> {
                if ((seen2 & bit) == 0) {
                    distinct++;
                    seen2 |= bit;
                }
            }
            default -> {
                if ((seen3 & bit) == 0) {
                    distinct++;
                    seen3 |= bit;
                }
            }
        }
    }

    /**
     * The overload option's value (RFC 2132 section 9.3), 0 when absent. Only the instances seen so
     * far count: an overload option inside file or sname is meaningless and ignored.
     */
    int overload() throws WireFormatException {
        if (overloadSegment < 0) {
            return 0;
        }
        int total = 0;
        int value = 0;
        for (int i = overloadSegment; i < segments; i++) {
            if (seg[3 * i] == OptionCodes.OVERLOAD) {
                total += seg[3 * i + 2];
                if (seg[3 * i + 2] > 0) {
                    value = buf[seg[3 * i + 1]] & 0xff;
                }
            }
        }
        if (total != 1 || value < 1 || value > 3) {
            throw new WireFormatException("invalid option overload (52): length " + total + ", value " + value);
        }
        return value;
    }

    /** Joined options, first-appearance order, with the given code left out (-1 keeps all). */
    Dhcp4Options build(int skipCode) {
        int[] codes = new int[distinct];
        byte[][] values = new byte[distinct][];
        int n = 0;
        long done0 = 0;
        long done1 = 0;
        long done2 = 0;
        long done3 = 0;
        for (int i = 0; i < segments; i++) {
            int code = seg[3 * i];
            long bit = 1L << (code & 63);
            int word = code >>> 6;
            long done = word == 0 ? done0 : word == 1 ? done1 : word == 2 ? done2 : done3;
            if ((done & bit) != 0) {
                continue;
            }
            switch (word) {
                case 0 -> done0 |= bit;
                case 1 -> done1 |= bit;
                case 2 -> done2 |= bit;
                default -> done3 |= bit;
            }
            if (code == skipCode) {
                continue;
            }
            codes[n] = code;
            values[n] = join(i);
            n++;
        }
        return Dhcp4Options.own(codes, values, n);
    }

    Dhcp4Options build() {
        return build(-1);
    }

    private byte[] join(int first) {
        int code = seg[3 * first];
        int total = seg[3 * first + 2];
        boolean repeated = false;
        for (int j = first + 1; j < segments; j++) {
            if (seg[3 * j] == code) {
                total += seg[3 * j + 2];
                repeated = true;
            }
        }
        byte[] out = new byte[total];
        System.arraycopy(buf, seg[3 * first + 1], out, 0, seg[3 * first + 2]);
        if (repeated) {
            int pos = seg[3 * first + 2];
            for (int j = first + 1; j < segments; j++) {
                if (seg[3 * j] == code) {
                    System.arraycopy(buf, seg[3 * j + 1], out, pos, seg[3 * j + 2]);
                    pos += seg[3 * j + 2];
                }
            }
        }
        return out;
    }
}
