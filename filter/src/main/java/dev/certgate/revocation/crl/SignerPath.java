package dev.certgate.revocation.crl;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The validated certification path of a CRL's signer (RFC 5280 §6.3.3 (f)): the trust anchor it
 * ends at, the certificates from the signer up to (not including) that anchor — empty when the
 * anchor signed the CRL itself — and the working public key that verified the CRL (§6.3.3 (g)).
 *
 * @param notAfterEpochSecond the earliest notAfter of certs: past it the path no longer holds
 */
record SignerPath(X509Certificate anchor, List<X509Certificate> certs, PublicKey workingKey, long notAfterEpochSecond) {

    boolean signedByAnchor() {
        return certs.isEmpty();
    }
}
