package ruru.wire.v4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import ruru.wire.WireFormatException;

/**
 * Kea's "option-data" text to option bytes and back. With csv-format (the default) the data is
 * comma-separated values, one per field or array element, parsed by the definition's types; without
 * it the data is hex. Errors read as Kea's: "option data does not match option definition (space: S,
 * code: C): reason" (the caller adds the config position).
 *
 * <p>Kea quirks kept on purpose: a non-array string option takes only the first comma token (escape
 * commas as "\,"); integers may be decimal or hex ("0x1f" or even "1f"); a record ignores extra
 * values unless it is an array. Stricter than Kea: an ipv4-address field takes only IPv4 text (Kea
 * writes 16 bytes for an IPv6 literal there).
 */
public final class OptionValues {

    private OptionValues() {
    }

    public static byte[] fromText(OptionDefinition def, String data, boolean csvFormat) throws WireFormatException {
        try {
            byte[] bytes;
            if (!csvFormat) {
                bytes = KeaText.formattedHex(data);
                if (def.code() == OptionCodes.VIVSO_SUBOPTIONS && isDhcp4(def) && bytes.length == 4) {
                    bytes = vivso(bytes);
                }
                FieldCodec.check(def, bytes);
                Boolean dnr = DnrText.family(def);
                // Kea 3 re-packs the option from its fields: the ADN goes out lower-cased.
                return dnr == null ? bytes : DnrText.lowerAdns(bytes, dnr);
            }
            bytes = fromCsv(def, KeaText.tokens(data, ","));
            FieldCodec.check(def, bytes);
            return bytes;
        } catch (WireFormatException e) {
            throw new WireFormatException("option data does not match option definition (space: " + def.space()
                    + ", code: " + def.code() + "): " + e.getMessage());
        }
    }

    /** Data for an option with no definition ("csv-format" false, or code only): Kea's hex forms. */
    public static byte[] fromHex(String data) throws WireFormatException {
        try {
            return KeaText.formattedHex(data);
        } catch (WireFormatException e) {
            throw new WireFormatException("option data is not a valid string of hexadecimal digits: " + data);
        }
    }

    /**
     * The bytes in Kea's CSV notation for the definition (re-parseable by {@link #fromText}); plain hex
     * when the bytes do not fit the definition.
     */
    public static String toText(OptionDefinition def, byte[] bytes) {
        try {
            if (isDhcp4(def) && def.code() == OptionCodes.CLASSLESS_STATIC_ROUTE) {
                return ClasslessRoutes.toText(bytes);
            }
            Boolean dnr = DnrText.family(def);
            if (dnr != null) {
                return DnrText.toText(bytes, dnr);
            }
            if (isDhcp4(def) && def.code() == OptionCodes.VIVSO_SUBOPTIONS && bytes.length >= 4) {
                return String.valueOf(FieldCodec.u32(bytes, 0));
            }
            return String.join(", ", FieldCodec.read(def, bytes));
        } catch (WireFormatException | RuntimeException e) {
            return HexFormat.of().formatHex(bytes);
        }
    }

    /** False when {@link #toText} has to fall back to hex (bytes that do not fit the definition, non-UTF-8 text). */
    public static boolean hasCsvText(OptionDefinition def, byte[] bytes) {
        try {
            if (isDhcp4(def) && def.code() == OptionCodes.CLASSLESS_STATIC_ROUTE) {
                ClasslessRoutes.toText(bytes);
            } else if (DnrText.family(def) != null) {
                DnrText.toText(bytes, DnrText.family(def));
            } else if (!(isDhcp4(def) && def.code() == OptionCodes.VIVSO_SUBOPTIONS && bytes.length >= 4)) {
                FieldCodec.read(def, bytes);
            }
            return true;
        } catch (WireFormatException | RuntimeException e) {
            return false;
        }
    }

    private static byte[] fromCsv(OptionDefinition def, List<String> values) throws WireFormatException {
        OptionDataType type = def.type();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (type == OptionDataType.RECORD) {
            List<OptionDataType> fields = def.recordTypes();
            if (fields.size() > values.size()) {
                throw new WireFormatException("number of data fields for the option type '" + def.code()
                        + "' is greater than number of values provided.");
            }
            for (int i = 0; i < fields.size(); i++) {
                FieldCodec.write(def, fields.get(i), KeaText.trim(values.get(i)), out);
            }
            if (def.array()) {
                OptionDataType last = fields.get(fields.size() - 1);
                for (int i = fields.size(); i < values.size(); i++) {
                    FieldCodec.write(def, last, KeaText.trim(values.get(i)), out);
                }
            }
        } else if (def.array()) {
            for (String v : values) {
                FieldCodec.write(def, type, KeaText.trim(v), out);
            }
        } else if (values.isEmpty()) {
            if (type != OptionDataType.EMPTY) {
                throw new WireFormatException("no option value specified");
            }
        } else if (type == OptionDataType.INTERNAL) {
            // Kea re-joins the tokens with escaped commas and hands the text to the option's own parser.
            StringBuilder joined = new StringBuilder();
            for (String v : values) {
                if (!joined.isEmpty()) {
                    joined.append(',');
                }
                joined.append(v.replace(",", "\\,"));
            }
            if (isDhcp4(def) && def.code() == OptionCodes.CLASSLESS_STATIC_ROUTE) {
                return ClasslessRoutes.fromText(joined.toString());
            }
            Boolean dnr = DnrText.family(def);
            if (dnr != null) {
                return DnrText.fromText(joined.toString(), dnr);
            }
            throw new WireFormatException("option has no text form");
        } else {
            FieldCodec.write(def, type, KeaText.trim(values.get(0)), out);
        }
        byte[] bytes = out.toByteArray();
        if (isDhcp4(def) && def.code() == OptionCodes.VIVSO_SUBOPTIONS && bytes.length == 4) {
            bytes = vivso(bytes);
        }
        return bytes;
    }

    /** Kea sends option 125 as enterprise-id plus data-len (RFC 3925 section 4) even with no sub-options. */
    private static byte[] vivso(byte[] enterprise) {
        byte[] b = java.util.Arrays.copyOf(enterprise, 5);
        b[4] = 0;
        return b;
    }

    static boolean isDhcp4(OptionDefinition def) {
        return def.space().equals(StandardV4Definitions.DHCP4);
    }

    /** Strict UTF-8: text that would not survive the trip back is an error (the caller falls back to hex). */
    static String utf8(byte[] b, int from, int to) throws WireFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b, from, to - from)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new WireFormatException("not UTF-8 text");
        }
    }
}
