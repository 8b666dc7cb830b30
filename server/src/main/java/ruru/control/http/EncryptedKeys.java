package ruru.control.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two ways OpenSSL encrypts a PEM private key, undone with the key's password: PKCS#8
 * {@code ENCRYPTED PRIVATE KEY} (PBES2 or PBES1, as {@code openssl pkcs8 -topk8} and OpenSSL 3's
 * {@code genrsa -aes256} write it) and the traditional form ({@code Proc-Type: 4,ENCRYPTED} with
 * {@code DEK-Info: <cipher>,<iv>}, key from OpenSSL's EVP_BytesToKey with MD5, as {@code openssl rsa
 * -aes256 -traditional} and older tools write it). Neither the password nor the key ever appears
 * in a message.
 */
final class EncryptedKeys {

    private EncryptedKeys() {
    }

    /** The block as it is when not encrypted; else decrypted (a PKCS#8 one becomes {@code PRIVATE KEY}). */
    static Pem.Block decrypt(Pem.Block b, char[] password, Path file) throws IOException {
        if (b.label().equals("ENCRYPTED PRIVATE KEY")) {
            needPassword(password, file);
            return new Pem.Block("PRIVATE KEY", pkcs8(b.der(), password, file), "");
        }
        if (!b.dekInfo().isEmpty()) {
            needPassword(password, file);
            return new Pem.Block(b.label(), traditional(b, password, file), "");
        }
        return b;
    }

    private static void needPassword(char[] password, Path file) throws EncryptedKeyException {
        if (password.length == 0) {
            throw new EncryptedKeyException("private key file \"" + file + "\" is encrypted: key-password is needed");
        }
    }

    private static byte[] pkcs8(byte[] der, char[] password, Path file) throws IOException {
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            String algorithm = info.getAlgName();
            SecretKey key = SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password));
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, key, info.getAlgParameters());
            return info.getKeySpec(cipher).getEncoded();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException("could not load private key file \"" + file
                    + "\": unsupported encryption of the key (PBES2 with AES, or PBES1, are supported)");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new EncryptedKeyException("could not load private key file \"" + file + "\": bad decrypt "
                    + "(wrong key-password)");
        }
    }

    private static byte[] traditional(Pem.Block b, char[] password, Path file) throws IOException {
        String[] info = b.dekInfo().split(",", 2);
        if (info.length != 2) {
            throw new IOException("could not load private key file \"" + file + "\": malformed DEK-Info");
        }
        String name = info[0].strip().toUpperCase(java.util.Locale.ROOT);
        int keyLength;
        String transformation;
        String keyAlgorithm;
        switch (name) {
            case "AES-128-CBC" -> { keyLength = 16; transformation = "AES/CBC/PKCS5Padding"; keyAlgorithm = "AES"; }
            case "AES-192-CBC" -> { keyLength = 24; transformation = "AES/CBC/PKCS5Padding"; keyAlgorithm = "AES"; }
            case "AES-256-CBC" -> { keyLength = 32; transformation = "AES/CBC/PKCS5Padding"; keyAlgorithm = "AES"; }
            case "DES-EDE3-CBC" -> { keyLength = 24; transformation = "DESede/CBC/PKCS5Padding"; keyAlgorithm = "DESede"; }
            default -> throw new IOException("could not load private key file \"" + file + "\": unsupported cipher "
                    + name + " (AES-128/192/256-CBC and DES-EDE3-CBC are supported)");
        }
        byte[] iv;
        try {
            iv = HexFormat.of().parseHex(info[1].strip());
        } catch (IllegalArgumentException e) {
            throw new IOException("could not load private key file \"" + file + "\": malformed DEK-Info");
        }
        byte[] pw = new String(password).getBytes(StandardCharsets.UTF_8);
        byte[] key = bytesToKey(pw, Arrays.copyOf(iv, 8), keyLength);
        try {
            Cipher cipher = Cipher.getInstance(transformation);
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, keyAlgorithm), new IvParameterSpec(iv));
            return cipher.doFinal(b.der());
        } catch (GeneralSecurityException e) {
            throw new EncryptedKeyException("could not load private key file \"" + file + "\": bad decrypt "
                    + "(wrong key-password)");
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(pw, (byte) 0);
        }
    }

    /** OpenSSL's EVP_BytesToKey with MD5 and one iteration: D_i = MD5(D_{i-1} || password || salt). */
    private static byte[] bytesToKey(byte[] password, byte[] salt, int length) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] out = new byte[length];
            byte[] previous = new byte[0];
            int filled = 0;
            while (filled < length) {
                md5.update(previous);
                md5.update(password);
                md5.update(salt);
                previous = md5.digest();
                int n = Math.min(previous.length, length - filled);
                System.arraycopy(previous, 0, out, filled, n);
                filled += n;
            }
            return out;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    /** The key is encrypted and the password is missing or wrong. */
    public static final class EncryptedKeyException extends IOException {
        private static final long serialVersionUID = 1L;

        EncryptedKeyException(String message) {
            super(message);
        }
    }
}
