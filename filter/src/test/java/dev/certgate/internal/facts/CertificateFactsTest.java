package dev.certgate.internal.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateFactsTest {
    private static final TestCa CA = TestCa.root("C=US,ST=Texas,L=Austin,O=Access Testing,OU=TX,CN=Access Testing CA");
    private static final TestIdentity ID = CA.leaf("C=US,ST=Texas,L=Austin,O=Access,OU=Access Admins,CN=James Royal")
            .serial(new BigInteger("527E0F20A20EA2A4146C78390F34CE7AF0878CA4", 16))
            .validity(Instant.parse("2022-03-01T13:35:00Z"), Instant.parse("2032-03-21T13:35:00Z"))
            .dns("a.example.com", "b.example.com")
            .uri("spiffe://example.org/svc")
            .email("j@example.com")
            .ip("192.0.2.7", "2001:db8:0:0:0:0:0:1")
            .issue();
    private final CertificateFacts facts = new CertificateFacts(Arrays.asList(ID.chain()), CA.certificate());

    @Test
    void distinguishedNamesInCloudflaresFormats() {
        assertEquals("CN=James Royal,OU=Access Admins,O=Access,L=Austin,ST=Texas,C=US", facts.subjectDn());
        assertEquals("CN=Access Testing CA,OU=TX,O=Access Testing,L=Austin,ST=Texas,C=US", facts.issuerDn());
        assertEquals("/C=US/ST=Texas/L=Austin/O=Access/OU=Access Admins/CN=James Royal", facts.subjectDnLegacy());
        assertEquals("/C=US/ST=Texas/L=Austin/O=Access Testing/OU=TX/CN=Access Testing CA", facts.issuerDnLegacy());
    }

    @Test
    void serialsAreUpperCaseHexOfWholeBytes() {
        assertEquals("527E0F20A20EA2A4146C78390F34CE7AF0878CA4", facts.serial());
        assertEquals("0F", CertificateFacts.formatSerial(BigInteger.valueOf(15)));
        assertEquals("0100", CertificateFacts.formatSerial(BigInteger.valueOf(256)));
        assertEquals(CertificateFacts.formatSerial(CA.certificate().getSerialNumber()), facts.issuerSerial());
    }

    @Test
    void fingerprintsAreLowerCaseHexOfTheDer() throws Exception {
        byte[] der = ID.certificate().getEncoded();
        assertEquals(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)), facts.fingerprintSha256());
        assertEquals(64, facts.fingerprintSha256().length());
        assertEquals(40, facts.fingerprintSha1().length());
        assertEquals(facts.fingerprintSha1().toLowerCase(), facts.fingerprintSha1());
    }

    @Test
    void datesInOpenSslsPrintFormat() {
        assertEquals("Mar  1 13:35:00 2022 GMT", facts.notBefore());
        assertEquals("Mar 21 13:35:00 2032 GMT", facts.notAfter());
    }

    @Test
    void keyIdentifiersAreUpperCaseHexAndIssuerSkiIsTheAki() {
        assertEquals(40, facts.ski().length());
        assertEquals(facts.ski().toUpperCase(), facts.ski());
        CertificateFacts caFacts = new CertificateFacts(List.of(CA.certificate()), null);
        assertEquals(caFacts.ski(), facts.issuerSki());
    }

    @Test
    void rfc9440ValuesAreColonWrappedBase64() {
        assertEquals(":" + Base64.getEncoder().encodeToString(der(ID.certificate())) + ":", facts.rfc9440());
        assertFalse(facts.rfc9440TooLarge());
        assertEquals(":" + Base64.getEncoder().encodeToString(der(CA.certificate())) + ":", facts.chainRfc9440());
        assertFalse(facts.chainRfc9440TooLarge());
        CertificateFacts alone = new CertificateFacts(List.of(ID.certificate()), null);
        assertEquals("", alone.chainRfc9440());
    }

    @Test
    void chainOverSixteenKibIsDroppedAndFlagged() {
        java.util.List<java.security.cert.X509Certificate> chain = new java.util.ArrayList<>();
        chain.add(ID.certificate());
        for (int i = 0; i < 40; i++) {
            chain.add(CA.certificate());
        }
        CertificateFacts big = new CertificateFacts(chain, null);
        assertEquals("", big.chainRfc9440());
        assertTrue(big.chainRfc9440TooLarge());
        assertFalse(big.rfc9440TooLarge());
        assertFalse(new CertificateFacts(List.of(ID.certificate()), null).chainRfc9440TooLarge());
    }

    @Test
    void subjectAltNamesByKind() {
        CertificateFacts.SubjectAltNames sans = facts.subjectAltNames();
        assertEquals(List.of("a.example.com", "b.example.com"), sans.dns());
        assertEquals(List.of("spiffe://example.org/svc"), sans.uri());
        assertEquals(List.of("j@example.com"), sans.email());
        assertEquals(List.of("192.0.2.7", "2001:db8::1"), sans.ip());
    }

    @Test
    void ipv6SansFollowRfc5952() {
        assertEquals("2001:db8::1", CertificateFacts.SubjectAltNames.canonicalIp("2001:db8:0:0:0:0:0:1"));
        assertEquals("::", CertificateFacts.SubjectAltNames.canonicalIp("0:0:0:0:0:0:0:0"));
        assertEquals("2001:db8:0:1:1:1:1:1", CertificateFacts.SubjectAltNames.canonicalIp("2001:db8:0:1:1:1:1:1"));
        assertEquals("2001:0:0:1::1", CertificateFacts.SubjectAltNames.canonicalIp("2001:0:0:1:0:0:0:1"));
    }

    @Test
    void issuerTakenFromThePresentedChainWhenNotVerified() {
        CertificateFacts unverified = new CertificateFacts(Arrays.asList(ID.chain()), null);
        assertEquals(facts.issuerSerial(), unverified.issuerSerial());
        assertTrue(unverified.issuerSki().length() > 0);
    }

    private static byte[] der(java.security.cert.X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
