package dev.certgate.internal.revocation.ocsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.internal.revocation.RfcPki;
import dev.certgate.internal.revocation.RfcPki.Party;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/** Delegated OCSP responders (RFC 6960 §4.2.2.2): keyUsage, critical extensions, nocheck policy and its count. */
class OcspDelegateTest {

    static final Instant NOW = Instant.parse("2031-03-10T12:00:00Z");
    final RfcPki pki = new RfcPki(NOW);
    final Party ca = pki.cert("delegating CA").ca().build();
    final Party leaf = pki.cert("leaf").issuer(ca).build();

    OcspAnswer verify(OcspResponseVerifier verifier, Party delegate) throws OcspException {
        byte[] der = pki.ocsp(delegate, leaf.cert(), ca.cert(), null, delegate.cert());
        return verifier.verify(der, leaf.cert(), ca.cert(), ca.cert().getPublicKey(), null, false, NOW, "test");
    }

    OcspResponseVerifier verifier(boolean refuseWithoutNoCheck) {
        return new OcspResponseVerifier(List.of(), Duration.ofMinutes(5), Duration.ofHours(1), refuseWithoutNoCheck);
    }

    @Test
    void aDelegateWhoseKeyUsageForbidsSignaturesIsRefused() {
        Party delegate = pki.cert("responder")
                .issuer(ca)
                .ocspSigning()
                .noCheck()
                .keyUsage(KeyUsage.keyEncipherment)
                .build();
        OcspException e = assertThrows(OcspException.class, () -> verify(verifier(false), delegate));
        assertTrue(e.getMessage().contains("keyUsage"), e.getMessage());
    }

    @Test
    void aDelegateWithAnUnrecognisedCriticalExtensionIsRefused() throws Exception {
        Party delegate = pki.cert("responder")
                .issuer(ca)
                .ocspSigning()
                .noCheck()
                .extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.7"), true, new DERUTF8String("x").getEncoded())
                .build();
        OcspException e = assertThrows(OcspException.class, () -> verify(verifier(false), delegate));
        assertTrue(e.getMessage().contains("unrecognised critical extension 1.3.6.1.4.1.99999.7"), e.getMessage());
    }

    @Test
    void aDelegateWithoutNoCheckIsAcceptedAndCountedOrRefusedAsConfigured() throws Exception {
        Party delegate = pki.cert("responder").issuer(ca).ocspSigning().build();
        OcspResponseVerifier accepting = verifier(false);
        assertTrue(verify(accepting, delegate).status().isGood());
        assertTrue(verify(accepting, delegate).status().isGood());
        assertEquals(2, accepting.uncheckedDelegateAnswers());
        assertThrows(OcspException.class, () -> verify(verifier(true), delegate));

        Party withNoCheck = pki.cert("responder with nocheck")
                .issuer(ca)
                .ocspSigning()
                .noCheck()
                .build();
        OcspResponseVerifier counting = verifier(false);
        assertTrue(verify(counting, withNoCheck).status().isGood());
        assertEquals(0, counting.uncheckedDelegateAnswers());
    }
}
