package dev.certgate.internal.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestPartsTest {

    @ParameterizedTest
    @CsvSource({
        "TLS_AES_128_GCM_SHA256, AEAD-AES128-GCM-SHA256",
        "TLS_AES_256_GCM_SHA384, AEAD-AES256-GCM-SHA384",
        "TLS_CHACHA20_POLY1305_SHA256, AEAD-CHACHA20-POLY1305-SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, ECDHE-RSA-AES128-GCM-SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, ECDHE-ECDSA-AES256-GCM-SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, ECDHE-ECDSA-CHACHA20-POLY1305",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, ECDHE-RSA-AES128-SHA256",
        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, ECDHE-RSA-AES256-SHA",
        "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, DHE-RSA-AES128-GCM-SHA256",
        "TLS_RSA_WITH_AES_128_CBC_SHA256, AES128-SHA256",
        "TLS_RSA_WITH_AES_128_GCM_SHA256, AES128-GCM-SHA256",
        "TLS_RSA_WITH_3DES_EDE_CBC_SHA, DES-CBC3-SHA",
        "TLS_EMPTY_RENEGOTIATION_INFO_SCSV, TLS_EMPTY_RENEGOTIATION_INFO_SCSV",
    })
    void cipherSuitesInOpenSslSpelling(String iana, String openssl) {
        assertEquals(openssl, RequestParts.openSslCipherName(iana));
    }

    @ParameterizedTest
    @CsvSource({
        "TLS_AES_128_GCM_SHA256, TLSv1.3", "TLS_CHACHA20_POLY1305_SHA256, TLSv1.3",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLSv1.2", "TLS_RSA_WITH_AES_128_CBC_SHA256, TLSv1.2",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, ''",
    })
    void aSuiteTellsItsVersionOnlyWhenItHasOne(String suite, String version) {
        assertEquals(version, TlsSessions.versionOfSuite(suite));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "fr-CH, fr;q=0.8, en;q=0.9, de;q=0.7, *;q=0.5|fr-CH,en,fr,de",
                "en|en",
                "''|''",
                "da, en-gb;q=0.8, en;q=0.7|da,en-gb,en",
                "a;q=0.5, b;q=0.5, c|c,a,b",
                "x;q=0, y;q=bad, z|z",
            })
    void acceptedLanguagesByWeight(String header, String expected) {
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(","));
        assertEquals(want, RequestParts.acceptedLanguages(header.isEmpty() ? List.of() : List.of(header)));
    }

    @org.junit.jupiter.api.Test
    void aValueThatIsNoSessionHasNone() {
        assertNull(TlsSessions.of("not a session"));
        assertNull(TlsSessions.of(null));
    }
}
