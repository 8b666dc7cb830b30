package ruru.control.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PEM files Kea (OpenSSL) reads: certificates, and unencrypted private keys in PKCS#8
 * ({@code BEGIN PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or SEC1
 * ({@code BEGIN EC PRIVATE KEY}). The JDK reads only PKCS#8, so the two traditional forms are
 * wrapped into a PKCS#8 PrivateKeyInfo here (RFC 5208, RFC 5915 section 3) with a few lines of DER.
 */
public final class Pem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);

    /** rsaEncryption 1.2.840.113549.1.1.1 as an AlgorithmIdentifier with NULL parameters. */
    private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");
    /** id-ecPublicKey 1.2.840.10045.2.1. */
    private static final byte[] EC_PUBLIC_KEY_OID = hex("06072a8648ce3d0201");

    private Pem() {
    }

    /** One PEM block; {@code dekInfo} is the RFC 1421 header of a traditionally encrypted key, else empty. */
    record Block(String label, byte[] der, String dekInfo) {
    }

    static List<Block> blocks(Path file) throws IOException {
        String text = ruru.io.SmallFiles.read(file, StandardCharsets.ISO_8859_1);
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(2);
            String dekInfo = "";
            if (body.contains("Proc-Type:")) {
                // RFC 1421 headers, then an empty line, then the encrypted key
                String[] parts = body.split("\\r?\\n\\s*\\r?\\n", 2);
                for (String line : parts[0].split("\\r?\\n")) {
                    if (line.startsWith("DEK-Info:")) {
                        dekInfo = line.substring("DEK-Info:".length()).strip();
                    }
                }
                if (dekInfo.isEmpty() || parts.length < 2) {
                    throw new IOException(file + ": an encrypted PEM block without DEK-Info");
                }
                body = parts[1];
            }
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(body), dekInfo));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": bad base64 in a PEM block");
            }
        }
        return blocks;
    }

    /** Every certificate in the file, in order (a chain: the server's first). */
    public static List<X509Certificate> certificates(Path file) throws IOException {
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(file)) {
                if (b.label().equals("CERTIFICATE") || b.label().equals("TRUSTED CERTIFICATE")) {
                    certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (CertificateException e) {
            throw new IOException(file + ": not a valid X.509 certificate", e);
        }
        return certs;
    }

    /** The first private key in the file, which must not be encrypted. */
    public static PrivateKey privateKey(Path file) throws IOException {
        return privateKey(file, new char[0]);
    }

    /**
     * The first private key in the file; an encrypted one (PKCS#8 {@code ENCRYPTED PRIVATE KEY}, or
     * OpenSSL's traditional {@code Proc-Type: 4,ENCRYPTED} form) is decrypted with {@code password}.
     *
     * @throws EncryptedKeyException when the key is encrypted and the password is missing or wrong
     */
    public static PrivateKey privateKey(Path file, char[] password) throws IOException {
        for (Block encrypted : blocks(file)) {
            Block b = EncryptedKeys.decrypt(encrypted, password, file);
            switch (b.label()) {
                case "PRIVATE KEY" -> {
                    return pkcs8(b.der(), file);
                }
                case "RSA PRIVATE KEY" -> {
                    return pkcs8(sequence(integerZero(), RSA_ALGORITHM, octetString(b.der())), file);
                }
                case "EC PRIVATE KEY" -> {
                    byte[] curve = ecCurve(b.der(), file);
                    return pkcs8(sequence(integerZero(), sequence(EC_PUBLIC_KEY_OID, curve), octetString(b.der())), file);
                }
                default -> {
                    // EC PARAMETERS and other blocks that may precede the key
                }
            }
        }
        throw new IOException(file + ": no private key found");
    }

    /**
     * Whether the key belongs to the certificate: a signature made with the key verifies with the
     * certificate's public key (RSASSA-PSS keys are taken as they are).
     */
    public static boolean keyMatches(PrivateKey key, X509Certificate cert) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "RSASSA-PSS" -> null;
            default -> key.getAlgorithm(); // Ed25519, Ed448
        };
        if (algorithm == null) {
            return true;
        }
        try {
            byte[] probe = "ruru key check".getBytes(StandardCharsets.US_ASCII);
            java.security.Signature signer = java.security.Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // a key of another type than the certificate's: a mismatch too
        }
    }

    static PrivateKey pkcs8(byte[] der, Path file) throws IOException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IOException(file + ": unsupported or malformed private key");
    }

    /**
     * The named curve OID of a SEC1 ECPrivateKey: SEQUENCE { version, privateKey OCTET STRING,
     * [0] parameters, [1] publicKey }. OpenSSL always writes [0].
     */
    private static byte[] ecCurve(byte[] der, Path file) throws IOException {
        Der outer = new Der(der, 0);
        if (outer.tag != 0x30) {
            throw new IOException(file + ": malformed EC private key");
        }
        int p = outer.contentStart;
        while (p < outer.end) {
            Der item = new Der(der, p);
            if (item.tag == 0xA0) {
                Der oid = new Der(der, item.contentStart);
                if (oid.tag == 0x06) {
                    return java.util.Arrays.copyOfRange(der, item.contentStart, oid.end);
                }
            }
            p = item.end;
        }
        throw new IOException(file + ": EC private key without named curve parameters");
    }

    /** One DER TLV: its tag, where its content starts and where it ends. */
    private static final class Der {
        final int tag;
        final int contentStart;
        final int end;

        Der(byte[] b, int at) throws IOException {
            if (at + 2 > b.length) {
                throw new IOException("truncated DER");
            }
            tag = b[at] & 0xFF;
            int len = b[at + 1] & 0xFF;
            int p = at + 2;
            if (len >= 0x80) {
                int n = len & 0x7F;
                if (n == 0 || n > 3 || p + n > b.length) {
                    throw new IOException("bad DER length");
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (b[p++] & 0xFF);
                }
            }
            contentStart = p;
            end = p + len;
            if (end > b.length) {
                throw new IOException("truncated DER");
            }
        }
    }

    private static byte[] integerZero() {
        return new byte[] {0x02, 0x01, 0x00};
    }

    private static byte[] octetString(byte[] content) {
        return tlv(0x04, content);
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return tlv(0x30, out.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = content.length;
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len);
        } else {
            out.write(0x83);
            out.write(len >> 16);
            out.write(len >> 8);
            out.write(len);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
