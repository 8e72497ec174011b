package dev.certgate.internal.revocation.ocsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.testing.LeafBuilder;
import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import dev.certgate.testing.TestOcspResponder;
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
    final TestCa ca = TestCa.root("CN=delegating CA,O=certgate rfc test", NOW);
    final TestIdentity leaf = ca.leaf("CN=leaf,O=certgate rfc test").issue();

    OcspAnswer verify(OcspResponseVerifier verifier, TestIdentity delegate) throws Exception {
        byte[] der = TestOcspResponder.response(delegate, leaf.certificate(), ca.certificate(), null, NOW);
        return verifier.verify(
                der, leaf.certificate(), ca.certificate(), ca.certificate().getPublicKey(), null, false, NOW, "test");
    }

    /** A delegated responder certificate of the CA (id-kp-OCSPSigning). */
    LeafBuilder responder(String cn) {
        return ca.leaf("CN=" + cn + ",O=certgate rfc test").ocspSigning();
    }

    OcspResponseVerifier verifier(boolean refuseWithoutNoCheck) {
        return new OcspResponseVerifier(List.of(), Duration.ofMinutes(5), Duration.ofHours(1), refuseWithoutNoCheck);
    }

    @Test
    void aDelegateWhoseKeyUsageForbidsSignaturesIsRefused() {
        TestIdentity delegate = responder("responder")
                .noCheck()
                .keyUsage(KeyUsage.keyEncipherment)
                .issue();
        OcspException e = assertThrows(OcspException.class, () -> verify(verifier(false), delegate));
        assertTrue(e.getMessage().contains("keyUsage"), e.getMessage());
    }

    @Test
    void aDelegateWithAnUnrecognisedCriticalExtensionIsRefused() throws Exception {
        TestIdentity delegate = responder("responder")
                .noCheck()
                .extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.7"), true, new DERUTF8String("x"))
                .issue();
        OcspException e = assertThrows(OcspException.class, () -> verify(verifier(false), delegate));
        assertTrue(e.getMessage().contains("unrecognised critical extension 1.3.6.1.4.1.99999.7"), e.getMessage());
    }

    @Test
    void aDelegateWithoutNoCheckIsAcceptedAndCountedOrRefusedAsConfigured() throws Exception {
        TestIdentity delegate = responder("responder").issue();
        OcspResponseVerifier accepting = verifier(false);
        assertTrue(verify(accepting, delegate).status().isGood());
        assertTrue(verify(accepting, delegate).status().isGood());
        assertEquals(2, accepting.uncheckedDelegateAnswers());
        assertThrows(OcspException.class, () -> verify(verifier(true), delegate));

        TestIdentity withNoCheck = responder("responder with nocheck").noCheck().issue();
        OcspResponseVerifier counting = verifier(false);
        assertTrue(verify(counting, withNoCheck).status().isGood());
        assertEquals(0, counting.uncheckedDelegateAnswers());
    }
}
