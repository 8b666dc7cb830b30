package ruru.wire.v4;

/**
 * Lays a packet out on the wire. Option order: message type (53) first as Kea and most servers
 * do, then the caller's order, agent information (82) last (RFC 3046 section 2.1). When a size limit
 * forces it, options continue in file and then sname (RFC 2131 section 4.1, RFC 3396 section 6
 * order), each field closed by an end option, with option 52 in the options field saying which.
 */
final class PacketWriter {

    private PacketWriter() {
    }

    /** Null when limited and the options cannot fit. */
    static byte[] write(Dhcp4Packet p, int max, boolean limited) {
        Dhcp4Options o = p.options();
        int n = o.size();
        int[] order = new int[n];
        int k = 0;
        int total = 0;
        for (int pass = 0; pass < 3; pass++) {
            for (int i = 0; i < n; i++) {
                int code = o.codeAt(i);
                if (code == OptionCodes.OVERLOAD) {
                    continue;
                }
                int want = code == OptionCodes.MESSAGE_TYPE ? 0 : code == OptionCodes.AGENT_INFO ? 2 : 1;
                if (want == pass) {
                    order[k++] = i;
                    total += Dhcp4Options.wireSize(o.valueAt(i).length);
                }
            }
        }
        int plain = Dhcp4Packet.OPTIONS_OFFSET + total + 1;
        if (!limited || plain <= max) {
            byte[] out = new byte[padded(p, plain)];
            header(p, out, p.rawSname(), p.rawFile());
            if (p.isBootp() && n == 0) {
                // A plain BOOTP message (RFC 951) stays one: no cookie, an empty vendor area.
                java.util.Arrays.fill(out, 236, out.length, (byte) 0);
                return out;
            }
            int pos = Dhcp4Packet.OPTIONS_OFFSET;
            for (int j = 0; j < k; j++) {
                pos = Dhcp4Options.writeOption(out, pos, o.codeAt(order[j]), o.valueAt(order[j]));
            }
            out[pos] = (byte) OptionCodes.END;
            return out;
        }
        boolean fileFree = allZero(p.rawFile());
        boolean snameFree = allZero(p.rawSname());
        int[] tries = {fileFree ? 1 : 0, fileFree && snameFree ? 3 : 0, snameFree && !fileFree ? 2 : 0};
        for (int overload : tries) {
            if (overload != 0) {
                byte[] out = overloaded(p, o, order, k, max, overload);
                if (out != null) {
                    return out;
                }
            }
        }
        return null;
    }

    private static byte[] overloaded(Dhcp4Packet p, Dhcp4Options o, int[] order, int k, int max, int overload) {
        byte[] out = new byte[max];
        header(p, out, (overload & 2) != 0 ? new byte[64] : p.rawSname(), (overload & 1) != 0 ? new byte[128] : p.rawFile());
        Regions r = new Regions(out, max, overload, p.minLength());
        int j = 0;
        if (k > 0 && o.codeAt(order[0]) == OptionCodes.MESSAGE_TYPE) {
            if (!r.put(OptionCodes.MESSAGE_TYPE, o.valueAt(order[0]))) {
                return null;
            }
            j = 1;
        }
        if (!r.put(OptionCodes.OVERLOAD, new byte[] {(byte) overload})) {
            return null;
        }
        for (; j < k; j++) {
            if (!r.put(o.codeAt(order[j]), o.valueAt(order[j]))) {
                return null;
            }
        }
        return r.finish();
    }

    /** The option areas in RFC 3396 order, each with one byte kept for its end option. */
    private static final class Regions {
        private final byte[] out;
        private final int[] starts;
        private final int[] ends;
        private int region;
        private int pos;
        private int mainEnd = -1;

        private final int pad;

        Regions(byte[] out, int max, int overload, int pad) {
            this.pad = pad;
            this.out = out;
            int count = 1 + ((overload & 1) != 0 ? 1 : 0) + ((overload & 2) != 0 ? 1 : 0);
            starts = new int[count];
            ends = new int[count];
            starts[0] = Dhcp4Packet.OPTIONS_OFFSET;
            ends[0] = max - 1;
            int i = 1;
            if ((overload & 1) != 0) {
                starts[i] = Dhcp4Packet.FILE_OFFSET;
                ends[i++] = Dhcp4Packet.FILE_OFFSET + 128 - 1;
            }
            if ((overload & 2) != 0) {
                starts[i] = Dhcp4Packet.SNAME_OFFSET;
                ends[i] = Dhcp4Packet.SNAME_OFFSET + 64 - 1;
            }
            pos = starts[0];
        }

        boolean put(int code, byte[] value) {
            int from = 0;
            int left = value.length;
            do {
                int room = ends[region] - pos;
                // A fragment needs code, length and (unless the option is empty) a data byte.
                if (room < (left == 0 ? 2 : 3)) {
                    if (!next()) {
                        return false;
                    }
                    continue;
                }
                int chunk = Math.min(Math.min(255, left), room - 2);
                out[pos++] = (byte) code;
                out[pos++] = (byte) chunk;
                System.arraycopy(value, from, out, pos, chunk);
                pos += chunk;
                from += chunk;
                left -= chunk;
            } while (left > 0);
            return true;
        }

        private boolean next() {
            if (region + 1 >= starts.length) {
                return false;
            }
            out[pos] = (byte) OptionCodes.END;
            if (region == 0) {
                mainEnd = pos + 1;
            }
            region++;
            pos = starts[region];
            return true;
        }

        byte[] finish() {
            out[pos] = (byte) OptionCodes.END;
            int used = region == 0 ? pos + 1 : mainEnd;
            // Fields that were reserved but not reached still need an end option (RFC 2131 4.1).
            for (int i = region + 1; i < starts.length; i++) {
                out[starts[i]] = (byte) OptionCodes.END;
            }
            int length = Math.max(used, pad);
            return used >= out.length ? out : java.util.Arrays.copyOf(out, length);
        }
    }

    /** Zero padding up to the packet's minimum length ({@link Dhcp4Packet#minLength()}). */
    private static int padded(Dhcp4Packet p, int length) {
        return Math.max(length, p.minLength());
    }

    private static void header(Dhcp4Packet p, byte[] out, byte[] sname, byte[] file) {
        out[0] = (byte) p.op();
        out[1] = (byte) p.htype();
        out[2] = (byte) p.hlen();
        out[3] = (byte) p.hops();
        int32(out, 4, p.xid());
        out[8] = (byte) (p.secs() >>> 8);
        out[9] = (byte) p.secs();
        out[10] = (byte) (p.flags() >>> 8);
        out[11] = (byte) p.flags();
        int32(out, 12, p.ciaddr().bits());
        int32(out, 16, p.yiaddr().bits());
        int32(out, 20, p.siaddr().bits());
        int32(out, 24, p.giaddr().bits());
        System.arraycopy(p.rawChaddr(), 0, out, 28, 16);
        System.arraycopy(sname, 0, out, Dhcp4Packet.SNAME_OFFSET, 64);
        System.arraycopy(file, 0, out, Dhcp4Packet.FILE_OFFSET, 128);
        int32(out, 236, Dhcp4Packet.COOKIE);
    }

    private static void int32(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 24);
        b[o + 1] = (byte) (v >>> 16);
        b[o + 2] = (byte) (v >>> 8);
        b[o + 3] = (byte) v;
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
