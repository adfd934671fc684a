package io.switchboard.tls.impl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a certificate chain and its private key from PEM files as certbot and openssl write them:
 * the chain leaf first (fullchain.pem), the key as PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}) or SEC1 ({@code BEGIN EC PRIVATE KEY}), unencrypted. The JDK reads
 * PKCS#8 only, so a PKCS#1 or SEC1 key is wrapped into PKCS#8 (RFC 5208) with the algorithm
 * identifier of the certificate's own public key: a key of another type or curve then fails the
 * match check with a clear message instead of being misread.
 */
final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private PemFiles() {
    }

    /** Reads and checks the pair; every message names the configuration key and the file. */
    static Credentials read(Path certificateFile, Path keyFile) throws IOException {
        try {
            return readPair(certificateFile, keyFile);
        } catch (IOException e) {
            throw new IOException(ServerCertificate.PID + ": " + e.getMessage(), e);
        }
    }

    private static Credentials readPair(Path certificateFile, Path keyFile) throws IOException {
        String certificateSource = "certificatePath " + certificateFile;
        String keySource = "privateKeyPath " + keyFile;
        List<X509Certificate> chain = new ArrayList<>();
        for (Block block : blocks(certificateFile, certificateSource)) {
            if (block.label().equals("CERTIFICATE")) {
                chain.add(certificate(block.der(), certificateSource));
            }
        }
        if (chain.isEmpty()) {
            throw new IOException(certificateSource + ": no -----BEGIN CERTIFICATE----- block");
        }
        PrivateKey key = null;
        for (Block block : blocks(keyFile, keySource)) {
            if (block.label().endsWith("PRIVATE KEY")) {
                key = privateKey(block, chain.get(0), keySource);
                break;
            }
        }
        if (key == null) {
            throw new IOException(keySource + ": no -----BEGIN PRIVATE KEY----- block");
        }
        Credentials credentials = new Credentials(key, chain.toArray(new X509Certificate[0]));
        if (!credentials.keyMatches()) {
            throw new IOException(keySource + ": the key does not belong to the first certificate of " + certificateSource
                    + " (" + chain.get(0).getSubjectX500Principal() + ")");
        }
        return credentials;
    }

    private record Block(String label, byte[] der, boolean encrypted) {
    }

    private static List<Block> blocks(Path file, String source) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new IOException(source + ": no such file", e);
        } catch (IOException e) {
            throw new IOException(source + ": cannot read it: " + e, e);
        }
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            // RFC 1421 headers (Proc-Type, DEK-Info) mark a key that openssl encrypted
            String body = matcher.group(2);
            String base64 = body.replaceAll("(?m)^[A-Za-z-]+:.*$", "");
            try {
                blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(base64), base64.length() != body.length()));
            } catch (IllegalArgumentException e) {
                throw new IOException(source + ": the " + matcher.group(1) + " block is not base64: " + e.getMessage(), e);
            }
        }
        return blocks;
    }

    private static X509Certificate certificate(byte[] der, String source) throws IOException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IOException(source + ": a CERTIFICATE block does not parse: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Block block, X509Certificate leaf, String source) throws IOException {
        String algorithm = leaf.getPublicKey().getAlgorithm();
        byte[] pkcs8 = switch (block.label()) {
            case "PRIVATE KEY" -> block.der();
            case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> {
                if (block.encrypted()) {
                    throw new IOException(source + ": the key is encrypted; give the server an unencrypted key");
                }
                String traditional = block.label().substring(0, block.label().indexOf(' '));
                if (!traditional.equals(algorithm)) {
                    throw new IOException(source + ": an " + traditional + " key, but the certificate holds an "
                            + algorithm + " key");
                }
                yield wrapInPkcs8(block.der(), algorithmIdentifier(leaf));
            }
            case "ENCRYPTED PRIVATE KEY" ->
                    throw new IOException(source + ": the key is encrypted; give the server an unencrypted key");
            default -> throw new IOException(source + ": unknown key format " + block.label());
        };
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IOException(source + ": not an " + algorithm + " private key like the certificate's: " + e.getMessage(), e);
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { version INTEGER 0, AlgorithmIdentifier, privateKey OCTET STRING }. */
    static byte[] wrapInPkcs8(byte[] traditionalKey, byte[] algorithmIdentifier) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(algorithmIdentifier);
        body.writeBytes(der(0x04, traditionalKey));
        return der(0x30, body.toByteArray());
    }

    /** The AlgorithmIdentifier (with the EC curve) that opens the certificate's SubjectPublicKeyInfo. */
    static byte[] algorithmIdentifier(X509Certificate certificate) {
        byte[] spki = certificate.getPublicKey().getEncoded(); // SEQUENCE { AlgorithmIdentifier, BIT STRING }
        int start = 1 + lengthOfLength(spki, 1);
        int end = start + 1 + lengthOfLength(spki, start + 1) + length(spki, start + 1);
        return Arrays.copyOfRange(spki, start, end);
    }

    /** How many bytes the DER length at {@code at} takes (X.690 8.1.3). */
    private static int lengthOfLength(byte[] der, int at) {
        return (der[at] & 0x80) == 0 ? 1 : 1 + (der[at] & 0x7f);
    }

    private static int length(byte[] der, int at) {
        if ((der[at] & 0x80) == 0) {
            return der[at];
        }
        int length = 0;
        for (int i = 1; i <= (der[at] & 0x7f); i++) {
            length = (length << 8) | (der[at + i] & 0xff);
        }
        return length;
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
