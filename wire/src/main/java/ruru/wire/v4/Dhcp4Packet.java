package ruru.wire.v4;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;

/**
 * A DHCPv4 (or plain BOOTP) message: the fixed RFC 2131 header and its options. Immutable; build
 * replies with {@link #toBuilder()} or {@link #builder()}.
 *
 * <p>Decoding rules (each failure is a {@link WireFormatException}, never another exception):
 * fewer than 236 bytes, hlen over 16 or a bad overload option (52) are errors. A missing end option is
 * tolerated, and an option without its length byte or with a length running past its area ends that
 * area (the options before it kept), as Kea does.
 * A packet of 236..239 bytes or without the magic cookie is plain BOOTP (RFC 951) and has no options.
 * The overload option itself is not kept in {@link #options()}: it describes framing, which
 * {@link #encode(int)} decides again. When overloaded, {@link #sname()}/{@link #file()} read as zeros.
 */
public final class Dhcp4Packet {

    public static final int HEADER_LENGTH = 236;
    /** RFC 1542 section 3.4: BOOTP relays and old clients expect at least 300 bytes. */
    public static final int MIN_LENGTH = 300;
    /** RFC 2131 section 2: every DHCP host must accept 576-byte IP datagrams (548 bytes of DHCP). */
    public static final int MIN_MAX_MESSAGE_SIZE = 576;
    static final int COOKIE = 0x63825363;
    static final int SNAME_OFFSET = 44;
    static final int FILE_OFFSET = 108;
    static final int OPTIONS_OFFSET = 240;
    public static final int BOOTREQUEST = 1;
    public static final int BOOTREPLY = 2;
    static final int BROADCAST = 0x8000;
    /**
     * All-zero fields shared by every packet that has them: packets never write into their arrays
     * and hand out copies only, so most packets (no boot server, no file) copy nothing.
     */
    private static final byte[] ZERO_CHADDR = new byte[16];
    private static final byte[] ZERO_SNAME = new byte[64];
    private static final byte[] ZERO_FILE = new byte[128];

    private final int op;
    private final int htype;
    private final int hlen;
    private final int hops;
    private final int xid;
    private final int secs;
    private final int flags;
    private final Ipv4Address ciaddr;
    private final Ipv4Address yiaddr;
    private final Ipv4Address siaddr;
    private final Ipv4Address giaddr;
    private final byte[] chaddr;
    private final byte[] sname;
    private final byte[] file;
    private final Dhcp4Options options;
    private final boolean bootp;
    private final int minLength;

    private Dhcp4Packet(Builder b) {
        op = b.op;
        htype = b.htype;
        hlen = b.hlen;
        hops = b.hops;
        xid = b.xid;
        secs = b.secs;
        flags = b.flags;
        ciaddr = b.ciaddr;
        yiaddr = b.yiaddr;
        siaddr = b.siaddr;
        giaddr = b.giaddr;
        // No copies: a builder replaces its arrays, it never writes into one it handed out.
        chaddr = b.chaddr;
        sname = b.sname;
        file = b.file;
        options = b.options;
        bootp = b.bootp;
        minLength = b.minLength;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.op = op;
        b.htype = htype;
        b.hlen = hlen;
        b.hops = hops;
        b.xid = xid;
        b.secs = secs;
        b.flags = flags;
        b.ciaddr = ciaddr;
        b.yiaddr = yiaddr;
        b.siaddr = siaddr;
        b.giaddr = giaddr;
        b.chaddr = chaddr;
        b.sname = sname;
        b.file = file;
        b.options = options;
        b.bootp = bootp;
        b.minLength = minLength;
        return b;
    }

    public static Dhcp4Packet decode(byte[] buf) throws WireFormatException {
        return decode(buf, 0, buf.length);
    }

    public static Dhcp4Packet decode(byte[] buf, int offset, int length) throws WireFormatException {
        if (buf == null || offset < 0 || length < 0 || offset > buf.length - length) {
            throw new WireFormatException("bad buffer bounds");
        }
        if (length < HEADER_LENGTH) {
            throw new WireFormatException("truncated DHCPv4 packet: " + length + " bytes, the header alone is "
                    + HEADER_LENGTH);
        }
        Builder b = new Builder();
        b.minLength = Math.min(length, MIN_LENGTH);
        b.op = buf[offset] & 0xff;
        b.htype = buf[offset + 1] & 0xff;
        b.hlen = buf[offset + 2] & 0xff;
        if (b.hlen > 16) {
            throw new WireFormatException("hardware address length " + b.hlen + " is over 16");
        }
        b.hops = buf[offset + 3] & 0xff;
        b.xid = int32(buf, offset + 4);
        b.secs = ((buf[offset + 8] & 0xff) << 8) | (buf[offset + 9] & 0xff);
        b.flags = ((buf[offset + 10] & 0xff) << 8) | (buf[offset + 11] & 0xff);
        b.ciaddr = new Ipv4Address(int32(buf, offset + 12));
        b.yiaddr = new Ipv4Address(int32(buf, offset + 16));
        b.siaddr = new Ipv4Address(int32(buf, offset + 20));
        b.giaddr = new Ipv4Address(int32(buf, offset + 24));
        b.chaddr = field(buf, offset + 28, 16, ZERO_CHADDR);
        int end = offset + length;
        if (length < OPTIONS_OFFSET || int32(buf, offset + 236) != COOKIE) {
            // RFC 951 BOOTP: the 64-byte vendor area is not DHCP options.
            b.sname = field(buf, offset + SNAME_OFFSET, 64, ZERO_SNAME);
            b.file = field(buf, offset + FILE_OFFSET, 128, ZERO_FILE);
            b.bootp = true;
            return new Dhcp4Packet(b);
        }
        OptionScanner scanner = new OptionScanner(buf);
        scanner.scan(offset + OPTIONS_OFFSET, end, null);
        int overload = scanner.overload();
        if ((overload & 1) != 0) {
            scanner.scan(offset + FILE_OFFSET, offset + FILE_OFFSET + 128, null);
        } else {
            b.file = field(buf, offset + FILE_OFFSET, 128, ZERO_FILE);
        }
        if ((overload & 2) != 0) {
            scanner.scan(offset + SNAME_OFFSET, offset + SNAME_OFFSET + 64, null);
        } else {
            b.sname = field(buf, offset + SNAME_OFFSET, 64, ZERO_SNAME);
        }
        b.options = scanner.build(OptionCodes.OVERLOAD);
        return new Dhcp4Packet(b);
    }

    /** A fixed field's bytes: the shared all-zero array when they are all zeros (the usual sname and file). */
    private static byte[] field(byte[] buf, int from, int size, byte[] zero) {
        for (int i = from; i < from + size; i++) {
            if (buf[i] != 0) {
                return Arrays.copyOfRange(buf, from, from + size);
            }
        }
        return zero;
    }

    private static int int32(byte[] b, int o) {
        return ((b[o] & 0xff) << 24) | ((b[o + 1] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff);
    }

    /**
     * Header, cookie, options (53 first, 82 last), end, zero padding to 300 bytes. Never fails. A
     * plain BOOTP packet with no options is written without the cookie.
     */
    public byte[] encode() {
        return PacketWriter.write(this, Integer.MAX_VALUE, false);
    }

    /**
     * As {@link #encode()}, but at most {@code maxSize} bytes (values under 576 count as 576, the
     * size every client must accept). When the options do not fit, they continue in file and then
     * sname (RFC 2131 overload, RFC 3396 splitting) if those fields are all zeros.
     *
     * @throws WireFormatException when even overloading cannot make the message fit
     */
    public byte[] encode(int maxSize) throws WireFormatException {
        byte[] out = PacketWriter.write(this, Math.max(maxSize, MIN_MAX_MESSAGE_SIZE), true);
        if (out == null) {
            throw new WireFormatException("the options do not fit in a " + Math.max(maxSize, MIN_MAX_MESSAGE_SIZE)
                    + "-byte message even with sname and file overloaded");
        }
        return out;
    }

    public int op() {
        return op;
    }

    public int htype() {
        return htype;
    }

    public int hlen() {
        return hlen;
    }

    public int hops() {
        return hops;
    }

    public int xid() {
        return xid;
    }

    public int secs() {
        return secs;
    }

    public int flags() {
        return flags;
    }

    public boolean broadcastFlag() {
        return (flags & BROADCAST) != 0;
    }

    public Ipv4Address ciaddr() {
        return ciaddr;
    }

    public Ipv4Address yiaddr() {
        return yiaddr;
    }

    public Ipv4Address siaddr() {
        return siaddr;
    }

    public Ipv4Address giaddr() {
        return giaddr;
    }

    /** htype and the first hlen bytes of chaddr. */
    public HardwareAddress chaddr() {
        return new HardwareAddress(htype, Arrays.copyOf(chaddr, hlen));
    }

    /** All 16 bytes of the chaddr field. */
    public byte[] chaddrField() {
        return chaddr.clone();
    }

    public byte[] sname() {
        return sname.clone();
    }

    public byte[] file() {
        return file.clone();
    }

    /** sname up to its first NUL, as text. */
    public String serverHostname() {
        return cString(sname);
    }

    /** file up to its first NUL, as text. */
    public String bootFileName() {
        return cString(file);
    }

    private static String cString(byte[] field) {
        int n = 0;
        while (n < field.length && field[n] != 0) {
            n++;
        }
        return new String(field, 0, n, StandardCharsets.UTF_8);
    }

    public Dhcp4Options options() {
        return options;
    }

    /** True when the packet had no magic cookie (RFC 951 BOOTP). */
    /** The length the encoder pads the message to (zeros after the end option). */
    public int minLength() {
        return minLength;
    }

    public boolean isBootp() {
        return bootp;
    }

    public Optional<MessageType> messageType() {
        var t = options.u8(OptionCodes.MESSAGE_TYPE);
        return t.isPresent() ? MessageType.of(t.getAsInt()) : Optional.empty();
    }

    byte[] rawChaddr() {
        return chaddr;
    }

    byte[] rawSname() {
        return sname;
    }

    byte[] rawFile() {
        return file;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dhcp4Packet p && p.op == op && p.htype == htype && p.hlen == hlen && p.hops == hops
                && p.xid == xid && p.secs == secs && p.flags == flags && p.ciaddr.equals(ciaddr)
                && p.yiaddr.equals(yiaddr) && p.siaddr.equals(siaddr) && p.giaddr.equals(giaddr)
                && Arrays.equals(p.chaddr, chaddr) && Arrays.equals(p.sname, sname) && Arrays.equals(p.file, file)
                && p.options.equals(options) && p.bootp == bootp;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * xid + Arrays.hashCode(chaddr)) + options.hashCode();
    }

    @Override
    public String toString() {
        return "Dhcp4Packet[op=" + op + ", xid=0x" + Integer.toHexString(xid) + ", chaddr=" + chaddr()
                + ", ciaddr=" + ciaddr + ", yiaddr=" + yiaddr + ", siaddr=" + siaddr + ", giaddr=" + giaddr
                + ", flags=0x" + Integer.toHexString(flags) + ", options=" + options + "]";
    }

    /** Mutable, single-use. Defaults: all zeros, Ethernet htype with hlen 6, no options. */
    public static final class Builder {
        private int op = BOOTREQUEST;
        private int htype = HardwareAddress.ETHERNET;
        private int hlen = 6;
        private int hops;
        private int xid;
        private int secs;
        private int flags;
        private Ipv4Address ciaddr = Ipv4Address.ANY;
        private Ipv4Address yiaddr = Ipv4Address.ANY;
        private Ipv4Address siaddr = Ipv4Address.ANY;
        private Ipv4Address giaddr = Ipv4Address.ANY;
        private byte[] chaddr = ZERO_CHADDR;
        private byte[] sname = ZERO_SNAME;
        private byte[] file = ZERO_FILE;
        private Dhcp4Options options = Dhcp4Options.empty();
        private boolean bootp;
        private int minLength = MIN_LENGTH;

        private Builder() {
        }

        public Builder op(int v) {
            op = v & 0xff;
            return this;
        }

        public Builder htype(int v) {
            htype = v & 0xff;
            return this;
        }

        public Builder hlen(int v) {
            if (v < 0 || v > 16) {
                throw new IllegalArgumentException("hlen " + v + " is not 0..16");
            }
            hlen = v;
            return this;
        }

        public Builder hops(int v) {
            hops = v & 0xff;
            return this;
        }

        public Builder xid(int v) {
            xid = v;
            return this;
        }

        public Builder secs(int v) {
            secs = v & 0xffff;
            return this;
        }

        public Builder flags(int v) {
            flags = v & 0xffff;
            return this;
        }

        public Builder broadcastFlag(boolean on) {
            flags = on ? flags | BROADCAST : flags & ~BROADCAST;
            return this;
        }

        public Builder ciaddr(Ipv4Address a) {
            ciaddr = a;
            return this;
        }

        public Builder yiaddr(Ipv4Address a) {
            yiaddr = a;
            return this;
        }

        public Builder siaddr(Ipv4Address a) {
            siaddr = a;
            return this;
        }

        public Builder giaddr(Ipv4Address a) {
            giaddr = a;
            return this;
        }

        /** Sets htype, hlen and chaddr (at most 16 bytes; the rest of the field is zeroed). */
        public Builder chaddr(HardwareAddress hw) {
            if (hw.length() > 16) {
                throw new IllegalArgumentException("chaddr holds at most 16 bytes");
            }
            htype = hw.type() & 0xff;
            hlen = hw.length();
            chaddr = fixed(hw.bytes(), 16, "chaddr");
            return this;
        }

        /** The raw 16-byte chaddr field (hlen unchanged). */
        public Builder chaddrField(byte[] field) {
            chaddr = fixed(field, 16, "chaddr");
            return this;
        }

        public Builder sname(byte[] field) {
            sname = fixed(field, 64, "sname");
            return this;
        }

        public Builder file(byte[] field) {
            file = fixed(field, 128, "file");
            return this;
        }

        /** sname as a NUL-padded string; at most 63 bytes so a terminating NUL remains. */
        public Builder serverHostname(String text) {
            return sname(text(text, 64, "sname"));
        }

        /** file as a NUL-padded string; at most 127 bytes so a terminating NUL remains. */
        public Builder bootFileName(String text) {
            return file(text(text, 128, "file"));
        }

        public Builder options(Dhcp4Options o) {
            options = o;
            return this;
        }

        /** Sets option 53. */
        public Builder messageType(MessageType t) {
            options = options.toBuilder().putU8(OptionCodes.MESSAGE_TYPE, t.code()).build();
            return this;
        }

        /**
         * Pads the encoded message with zeros to at least {@code length} bytes: 300 by default (RFC 1542
         * section 2.1, what BOOTP relays and many clients send); 0 sends it as long as it is, as Kea
         * sends its DHCP replies.
         */
        public Builder minLength(int length) {
            minLength = Math.max(0, length);
            return this;
        }

        public Builder bootp(boolean plainBootp) {
            bootp = plainBootp;
            return this;
        }

        public Dhcp4Packet build() {
            return new Dhcp4Packet(this);
        }

        private static byte[] fixed(byte[] field, int size, String name) {
            if (field.length > size) {
                throw new IllegalArgumentException(name + " holds at most " + size + " bytes");
            }
            for (byte x : field) {
                if (x != 0) {
                    return Arrays.copyOf(field, size);
                }
            }
            return size == 16 ? ZERO_CHADDR : size == 64 ? ZERO_SNAME : ZERO_FILE;
        }

        private static byte[] text(String s, int size, String name) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length >= size) {
                throw new IllegalArgumentException(name + " text is longer than " + (size - 1) + " bytes");
            }
            return b;
        }
    }
}
