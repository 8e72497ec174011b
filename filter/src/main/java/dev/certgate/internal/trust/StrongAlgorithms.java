package dev.certgate.internal.trust;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.PublicKey;
import java.security.Security;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The signature algorithms and keys the direct path accepts on its own: a short list that the JDK's
 * default {@code jdk.certpath.disabledAlgorithms} allows. Anything else (SHA-1, DSA, RSA-PSS, small
 * RSA keys, other curves) goes to the full PKIX validator, which applies the JDK's algorithm
 * constraints itself. A deployment that tightens {@code jdk.certpath.disabledAlgorithms} so that it
 * touches one of these algorithms takes that algorithm off the list (read once, at class load): the
 * direct path never accepts what the JDK's validator would refuse.
 */
final class StrongAlgorithms {
    private static final int MIN_RSA_BITS = 2048;
    private static final int MAX_RSA_BITS = 16384;

    /** Signature algorithm OID → the names a disabledAlgorithms entry may use for its parts. */
    private static final Map<String, Set<String>> SIGNATURES = Map.of(
            "1.2.840.10045.4.3.2", Set.of("SHA256WITHECDSA", "SHA256", "SHA2", "ECDSA", "EC"),
            "1.2.840.10045.4.3.3", Set.of("SHA384WITHECDSA", "SHA384", "SHA2", "ECDSA", "EC"),
            "1.2.840.10045.4.3.4", Set.of("SHA512WITHECDSA", "SHA512", "SHA2", "ECDSA", "EC"),
            "1.2.840.113549.1.1.11", Set.of("SHA256WITHRSA", "SHA256", "SHA2", "RSA", "RSAENCRYPTION"),
            "1.2.840.113549.1.1.12", Set.of("SHA384WITHRSA", "SHA384", "SHA2", "RSA", "RSAENCRYPTION"),
            "1.2.840.113549.1.1.13", Set.of("SHA512WITHRSA", "SHA512", "SHA2", "RSA", "RSAENCRYPTION"),
            "1.3.101.112", Set.of("ED25519", "EDDSA"),
            "1.3.101.113", Set.of("ED448", "EDDSA"));

    /** Names that an entry may use for a key type, with the smallest key this class accepts of it. */
    private static final Map<String, Integer> KEY_MINIMUM_BITS =
            Map.of("RSA", MIN_RSA_BITS, "RSAENCRYPTION", MIN_RSA_BITS, "EC", 256, "ECDSA", 256);

    private static final Curve[] CURVES = {curve("secp256r1"), curve("secp384r1"), curve("secp521r1")};

    /** Upper-cased, dash-less algorithm names that some entry of the JDK's constraints restricts. */
    private static final Set<String> RESTRICTED = restrictedNames(
            Security.getProperty("jdk.certpath.disabledAlgorithms"), Security.getProperty("jdk.disabled.namedCurves"));

    private StrongAlgorithms() {}

    /** Whether a certificate signed with {@code sigAlgOid} by {@code signerKey} is within the list. */
    static boolean signature(String sigAlgOid, byte[] sigAlgParams, PublicKey signerKey) {
        if (!algorithm(sigAlgOid, sigAlgParams) || !key(signerKey)) {
            return false;
        }
        Set<String> parts = SIGNATURES.get(sigAlgOid);
        boolean ec = parts.contains("ECDSA");
        boolean rsa = parts.contains("RSA");
        boolean ed = parts.contains("EDDSA");
        return ec == signerKey instanceof ECPublicKey
                && rsa == signerKey instanceof RSAPublicKey
                && ed == signerKey instanceof EdECPublicKey;
    }

    /** Whether a signature algorithm (OID and DER parameters) is on the list, whatever the key. */
    static boolean algorithm(String sigAlgOid, byte[] sigAlgParams) {
        Set<String> parts = SIGNATURES.get(sigAlgOid);
        if (parts == null) {
            return false;
        }
        // RSA PKCS#1 v1.5 carries NULL or no parameters; ECDSA and EdDSA none.
        boolean rsa = parts.contains("RSA");
        if (sigAlgParams != null
                && !(rsa && sigAlgParams.length == 2 && sigAlgParams[0] == 0x05 && sigAlgParams[1] == 0)) {
            return false;
        }
        for (String p : parts) {
            if (RESTRICTED.contains(p)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code key} is an RSA key of 2048 bits or more, a P-256/384/521 key or an EdDSA key. */
    static boolean key(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            return bits >= MIN_RSA_BITS
                    && bits <= MAX_RSA_BITS
                    && !RESTRICTED.contains("RSA")
                    && !RESTRICTED.contains("RSAENCRYPTION");
        }
        if (key instanceof ECPublicKey ec) {
            if (RESTRICTED.contains("EC") || RESTRICTED.contains("ECDSA")) {
                return false;
            }
            ECParameterSpec spec = ec.getParams();
            for (Curve c : CURVES) {
                if (c.matches(spec)) {
                    return true;
                }
            }
            return false;
        }
        if (key instanceof EdECPublicKey ed) {
            String name = ed.getParams().getName().toUpperCase(Locale.ROOT);
            return !RESTRICTED.contains(name) && !RESTRICTED.contains("EDDSA");
        }
        return false;
    }

    /**
     * The names restricted by a {@code jdk.certpath.disabledAlgorithms} value. An entry
     * {@code RSA keySize < N} (or {@code EC}) with N at or below this class's own minimum restricts
     * nothing here; any other entry naming one of this class's algorithms restricts that name, whatever
     * its condition (usage, denyAfter, jdkCA: judging those is the JDK validator's job). A disabled
     * named curve that this class accepts restricts "EC".
     */
    static Set<String> restrictedNames(String disabledAlgorithms, String disabledCurves) {
        Set<String> restricted = new HashSet<>();
        if (disabledAlgorithms == null) {
            return restricted;
        }
        for (String raw : disabledAlgorithms.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            String[] words = entry.split("\\s+");
            String name = normalise(words[0]);
            if (name.equals("INCLUDE") && words.length > 1) {
                if (words[1].equals("jdk.disabled.namedCurves") && disabledCurves != null) {
                    for (String curve : disabledCurves.split(",")) {
                        String n = curve.strip().toLowerCase(Locale.ROOT);
                        if (Set.of(
                                        "secp256r1",
                                        "secp384r1",
                                        "secp521r1",
                                        "nist p-256",
                                        "nist p-384",
                                        "nist p-521",
                                        "1.2.840.10045.3.1.7",
                                        "1.3.132.0.34",
                                        "1.3.132.0.35")
                                .contains(n)) {
                            restricted.add("EC");
                        }
                    }
                } else {
                    restricted.add("EC"); // an included list we do not know: trust nothing it may name
                    restricted.add("RSA");
                    restricted.add("EDDSA");
                }
                continue;
            }
            Integer minimum = KEY_MINIMUM_BITS.get(name);
            if (minimum != null
                    && words.length == 4
                    && words[1].equals("keySize")
                    && words[2].equals("<")
                    && isNumber(words[3])
                    && Integer.parseInt(words[3]) <= minimum) {
                continue;
            }
            if (minimum != null
                    && words.length == 4
                    && words[1].equals("keySize")
                    && words[2].equals("<=")
                    && isNumber(words[3])
                    && Integer.parseInt(words[3]) < minimum) {
                continue;
            }
            restricted.add(name);
        }
        return restricted;
    }

    private static String normalise(String algorithm) {
        return algorithm.replace("-", "").toUpperCase(Locale.ROOT);
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.length() < 7 && s.chars().allMatch(Character::isDigit);
    }

    private record Curve(BigInteger order, java.security.spec.EllipticCurve curve, int cofactor) {
        boolean matches(ECParameterSpec spec) {
            return spec != null
                    && spec.getCofactor() == cofactor
                    && order.equals(spec.getOrder())
                    && curve.equals(spec.getCurve());
        }
    }

    private static Curve curve(String name) {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec(name));
            ECParameterSpec spec = p.getParameterSpec(ECParameterSpec.class);
            return new Curve(spec.getOrder(), spec.getCurve(), spec.getCofactor());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks the standard curve " + name, e);
        }
    }
}
