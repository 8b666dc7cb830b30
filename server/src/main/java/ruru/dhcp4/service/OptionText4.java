package ruru.dhcp4.service;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BiFunction;

import ruru.classify.expr.OptionText;
import ruru.classify.expr.Universe;
import ruru.wire.WireFormatException;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.OptionDataType;
import ruru.wire.v4.OptionDefinition;

/**
 * Kea 2.2's {@code Option::toString()} of a DHCPv4 option, as {@code option[C].text} yields it
 * (observed with kea-dhcp4 2.2 and its flex_option library): a string option is its value; a
 * number {@code 1500 (uint16)}, a number array {@code 1(uint8) 3(uint8)}; a boolean
 * {@code true (boolean)}; one address {@code 192.0.2.55 (ipv4-address)}, an address list
 * {@code 10.0.0.1 10.0.0.2}; a name {@code "foo.example." (fqdn)}; an option holding sub-options
 * its header, then {@code ,\noptions:} and each sub-option indented; anything else hex bytes, all
 * after Kea's header {@code type=003, len=008:}.
 */
final class OptionText4 {

    private OptionText4() {
    }

    /**
     * @param definitions a definition lookup by (space, code), for the option and its sub-options
     */
    static byte[] of(String space, int code, byte[] payload,
            BiFunction<String, Integer, Optional<OptionDefinition>> definitions) {
        Optional<OptionDefinition> def = definitions.apply(space, code);
        if (def.isPresent() && def.get().type() == OptionDataType.STRING && !def.get().array()) {
            return OptionText.string(payload);
        }
        return text(code, payload, def, definitions, 0).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(int code, byte[] payload, Optional<OptionDefinition> def,
            BiFunction<String, Integer, Optional<OptionDefinition>> definitions, int indent) {
        String header = " ".repeat(indent) + new String(OptionText.debug(Universe.V4, code, new byte[0]),
                StandardCharsets.US_ASCII).replace("len=000: ", String.format("len=%03d:", payload.length));
        String inner = def.map(OptionDefinition::encapsulate).orElse("");
        if (!inner.isEmpty() && def.get().type() == OptionDataType.EMPTY) {
            try {
                StringBuilder b = new StringBuilder(header);
                Dhcp4Options subs = Dhcp4Options.parse(payload);
                if (!subs.isEmpty()) {
                    b.append(",\noptions:");
                    for (int sub : subs.codes()) {
                        b.append('\n').append(text(sub, subs.peek(sub), definitions.apply(inner, sub), definitions,
                                indent + 2));
                    }
                }
                return b.toString();
            } catch (WireFormatException e) {
                return header + hex(payload);
            }
        }
        String typed = def.map(d -> typed(d, payload)).orElse(null);
        return header + (typed != null ? typed : hex(payload));
    }

    /** The value part of a typed option, or null when Kea prints it as bytes. */
    private static String typed(OptionDefinition d, byte[] p) {
        OptionDataType t = d.type();
        int size = switch (t) {
            case BOOLEAN, UINT8, INT8 -> 1;
            case UINT16, INT16 -> 2;
            case UINT32, INT32, IPV4_ADDRESS -> 4;
            default -> -1;
        };
        if (t == OptionDataType.FQDN) {
            return fqdns(p, d.array());
        }
        if (size < 0 || p.length == 0 || p.length % size != 0 || (!d.array() && p.length != size)) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < p.length; i += size) {
            long v = 0;
            for (int j = 0; j < size; j++) {
                v = (v << 8) | (p[i + j] & 0xff);
            }
            b.append(' ');
            if (t == OptionDataType.IPV4_ADDRESS) {
                b.append(v >>> 24).append('.').append((v >>> 16) & 0xff).append('.').append((v >>> 8) & 0xff)
                        .append('.').append(v & 0xff);
                if (!d.array()) {
                    b.append(" (ipv4-address)");
                }
                continue;
            }
            if (t == OptionDataType.BOOLEAN) {
                b.append(v != 0 ? "true" : "false");
            } else {
                b.append(switch (t) {
                    case INT8 -> (byte) v;
                    case INT16 -> (short) v;
                    case INT32 -> (int) v;
                    default -> v;
                });
            }
            b.append(d.array() ? "(" : " (").append(t.keaName()).append(')');
        }
        return b.toString();
    }

    /** Names in DNS wire format as Kea's OptionCustom writes them: {@code "foo.example." (fqdn)} each. */
    private static String fqdns(byte[] p, boolean array) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        int names = 0;
        while (i < p.length) {
            StringBuilder name = new StringBuilder();
            while (true) {
                if (i >= p.length) {
                    return null;
                }
                int len = p[i] & 0xff;
                i++;
                if (len == 0) {
                    break;
                }
                if (len > 63 || i + len > p.length) {
                    return null;
                }
                name.append(new String(p, i, len, StandardCharsets.ISO_8859_1)).append('.');
                i += len;
            }
            b.append(" \"").append(name).append("\" (fqdn)");
            names++;
        }
        return names == 0 || (!array && names > 1) ? null : b.toString();
    }

    private static String hex(byte[] p) {
        StringBuilder b = new StringBuilder(p.length * 3);
        for (int i = 0; i < p.length; i++) {
            b.append(i == 0 ? ' ' : ':').append(String.format("%02x", p[i] & 0xff));
        }
        return b.toString();
    }
}
