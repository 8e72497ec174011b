package dev.certgate.internal.revocation;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPublicKey;
import java.security.spec.DSAPublicKeySpec;
import java.util.List;

/**
 * The working public key of a certificate in a validated path (RFC 5280 §6.1.4 (d)–(f)): a DSA
 * key whose certificate omits the domain parameters inherits them from the nearest issuer above
 * it (RFC 3279 §2.3.2). Every other key is the certificate's own.
 */
public final class WorkingKeys {

    private WorkingKeys() {}

    /**
     * The working key of path.get(index), where path runs from a certificate up to its trust
     * anchor (each element issued by the next).
     */
    public static PublicKey of(List<X509Certificate> path, int index) {
        PublicKey key = path.get(index).getPublicKey();
        if (!(key instanceof DSAPublicKey dsa) || dsa.getParams() != null) {
            return key;
        }
        for (int i = index + 1; i < path.size(); i++) {
            if (path.get(i).getPublicKey() instanceof DSAPublicKey above && above.getParams() != null) {
                return inherit(dsa, above.getParams());
            }
            if (!(path.get(i).getPublicKey() instanceof DSAPublicKey)) {
                break; // §6.1.4 (f): parameters are inherited only from a DSA key
            }
        }
        return key; // no parameters anywhere: the signature check will fail, which is right
    }

    /** key, with DSA parameters inherited from above when key has none (for a certificate issued by above's owner). */
    public static PublicKey inheritFrom(PublicKey key, PublicKey above) {
        if (key instanceof DSAPublicKey dsa
                && dsa.getParams() == null
                && above instanceof DSAPublicKey parent
                && parent.getParams() != null) {
            return inherit(dsa, parent.getParams());
        }
        return key;
    }

    private static PublicKey inherit(DSAPublicKey key, DSAParams params) {
        try {
            return KeyFactory.getInstance("DSA")
                    .generatePublic(new DSAPublicKeySpec(key.getY(), params.getP(), params.getQ(), params.getG()));
        } catch (java.security.GeneralSecurityException e) {
            return key;
        }
    }
}
