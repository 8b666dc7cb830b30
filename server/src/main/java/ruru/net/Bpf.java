package ruru.net;

/**
 * The classic BPF program attached to each RAW-mode packet socket: keep only unfragmented
 * IPv4/UDP frames to the server port, so the kernel does not copy every frame of the link to us.
 * Hand-assembled (no libpcap); {@link Frames#parse} re-checks everything anyway, since frames
 * queued before the filter was attached pass unfiltered.
 */
final class Bpf {

    // struct sock_filter opcodes (linux/filter.h)
    static final int LD_H_ABS = 0x28;
    static final int LD_B_ABS = 0x30;
    static final int LD_H_IND = 0x48;
    static final int LDX_B_MSH = 0xb1;
    static final int JEQ_K = 0x15;
    static final int JSET_K = 0x45;
    static final int RET_K = 0x06;

    /** One instruction: code, jump-if-true, jump-if-false, k. */
    record Insn(int code, int jt, int jf, int k) {
    }

    private Bpf() {
    }

    static Insn[] udpToPort(int port) {
        return new Insn[] {
            new Insn(LD_H_ABS, 0, 0, 12),             // 0: ethertype
            new Insn(JEQ_K, 0, 8, Frames.ETHERTYPE_IPV4), // 1: not IPv4 -> 10
            new Insn(LD_B_ABS, 0, 0, 23),             // 2: IP protocol
            new Insn(JEQ_K, 0, 6, Frames.PROTO_UDP),  // 3: not UDP -> 10
            new Insn(LD_H_ABS, 0, 0, 20),             // 4: flags + fragment offset
            new Insn(JSET_K, 4, 0, 0x3fff),           // 5: MF or offset -> 10
            new Insn(LDX_B_MSH, 0, 0, 14),            // 6: X = IP header length
            new Insn(LD_H_IND, 0, 0, 16),             // 7: UDP destination port (14 + X + 2)
            new Insn(JEQ_K, 0, 1, port),              // 8: not our port -> 10
            new Insn(RET_K, 0, 0, 0x40000),           // 9: accept whole frame
            new Insn(RET_K, 0, 0, 0),                 // 10: drop
        };
    }

    /** Reference interpreter for the subset above: the accepted length (0 = dropped). Used by tests. */
    static int run(Insn[] prog, byte[] p, int len) {
        int a = 0;
        int x = 0;
        int pc = 0;
        while (pc < prog.length) {
            Insn i = prog[pc];
            switch (i.code()) {
                case LD_H_ABS -> {
                    if (i.k() + 2 > len) {
                        return 0;
                    }
                    a = Frames.get16(p, i.k());
                }
                case LD_B_ABS -> {
                    if (i.k() + 1 > len) {
                        return 0;
                    }
                    a = p[i.k()] & 0xff;
                }
                case LD_H_IND -> {
                    if (x + i.k() + 2 > len) {
                        return 0;
                    }
                    a = Frames.get16(p, x + i.k());
                }
                case LDX_B_MSH -> {
                    if (i.k() + 1 > len) {
                        return 0;
                    }
                    x = (p[i.k()] & 0x0f) * 4;
                }
                case JEQ_K -> pc += a == i.k() ? i.jt() : i.jf();
                case JSET_K -> pc += (a & i.k()) != 0 ? i.jt() : i.jf();
                case RET_K -> {
                    return Math.min(i.k(), len);
                }
                default -> throw new IllegalStateException("opcode " + i.code());
            }
            pc++;
        }
        return 0;
    }
}
