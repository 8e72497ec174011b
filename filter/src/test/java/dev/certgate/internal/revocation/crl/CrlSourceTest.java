package dev.certgate.internal.revocation.crl;

import static dev.certgate.testing.TestCa.FIXED_NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.revocation.CheckerContext;
import dev.certgate.revocation.RevocationChecker;
import dev.certgate.revocation.RevocationStatus;
import dev.certgate.testing.MapSettings;
import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestCrl;
import dev.certgate.testing.TestHttpServer;
import dev.certgate.testing.TestIdentity;
import java.math.BigInteger;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.bouncycastle.asn1.x509.CRLReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Loading over real HTTP: conditional GET, failures keep the last good CRL, never an unverified one; the index. */
class CrlSourceTest {

    static final Clock CLOCK = Clock.fixed(FIXED_NOW, ZoneOffset.UTC);
    static ScheduledExecutorService scheduler;
    static TestCa ca;

    @BeforeAll
    static void pki() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        ca = TestCa.root("CN=HTTP CA,O=certgate test", FIXED_NOW);
    }

    @AfterAll
    static void stop() {
        scheduler.shutdownNow();
    }

    static CheckerContext context(MapSettings settings) {
        return new CheckerContext() {
            public Optional<String> setting(String key) {
                return settings.get("crl." + key);
            }

            public String propertyName(String key) {
                return settings.propertyName("crl." + key);
            }

            public List<X509Certificate> trustAnchors() {
                return List.of(ca.certificate());
            }

            public ScheduledExecutorService scheduler() {
                return scheduler;
            }

            public Clock clock() {
                return CLOCK;
            }
        };
    }

    /** A source of the CRL at url, signed by the CA, with these settings (key, value, ...) besides crl.sources. */
    CrlSource source(String url, String... settings) throws Exception {
        MapSettings all = MapSettings.of(settings).with("crl.sources", url);
        return new CrlSource(
                URI.create(url),
                CrlSettings.read(context(all)),
                new CrlSigners(List.of(ca.certificate()), List.of()),
                CLOCK,
                new java.util.concurrent.atomic.AtomicLong());
    }

    @Test
    void refreshUsesConditionalGetAndKeepsTheLastGoodCrl() throws Exception {
        TestIdentity leaf = ca.leaf("CN=leaf,O=certgate test").issue();
        try (TestHttpServer server = TestHttpServer.crlServer()) {
            server.serve(ca.crl().number(1).build(), "Tue, 15 Jan 2030 10:00:00 GMT");
            CrlSource source = source(server.url("/ca.crl"));
            assertTrue(source.refresh());
            VerifiedCrl first = source.current();
            assertNotNull(first);

            assertTrue(source.refresh());
            assertEquals(1, server.notModified.get(), "If-Modified-Since answered 304");
            assertSame(first, source.current());

            server.fail(true);
            assertFalse(source.refresh());
            assertSame(first, source.current(), "a failed refresh keeps the last good CRL");
            assertTrue(source.problem().contains("503"), source.problem());

            server.fail(false);
            server.serve(
                    ca.crl()
                            .number(2)
                            .signWith(TestCa.newKeyPair())
                            .revoke(leaf.certificate().getSerialNumber(), 1)
                            .build(),
                    "Tue, 15 Jan 2030 11:00:00 GMT");
            assertTrue(source.refresh(), "the CRL in use is still fresh");
            assertSame(first, source.current(), "an unverified CRL never replaces a good one");
            assertTrue(source.problem().contains("signature not valid"), source.problem());

            server.serve(
                    ca.crl()
                            .number(3)
                            .thisUpdate(FIXED_NOW.minusSeconds(60))
                            .revoke(leaf.certificate().getSerialNumber(), 1)
                            .build(),
                    "Tue, 15 Jan 2030 11:30:00 GMT");
            assertTrue(source.refresh());
            assertTrue(source.current()
                            .index
                            .find(
                                    leaf.certificate().getSerialNumber(),
                                    ca.certificate().getSubjectX500Principal())
                    >= 0);
        }
    }

    @Test
    void anUnchangedCrlFromAServerWithoutConditionalGetIsNotIndexedAgain() throws Exception {
        try (TestHttpServer server = TestHttpServer.crlServer()) {
            byte[] crl = ca.crl().number(1).build();
            server.serve(crl, "Tue, 15 Jan 2030 10:00:00 GMT");
            CrlSource source = source(server.url("/ca.crl"));
            assertTrue(source.refresh());
            VerifiedCrl first = source.current();
            // The same bytes under a new date: If-Modified-Since cannot help, the digest does.
            server.serve(crl, "Tue, 15 Jan 2030 10:05:00 GMT");
            assertTrue(source.refresh());
            assertEquals(0, server.notModified.get());
            assertSame(first, source.current());
            server.serve(
                    ca.crl().number(2).thisUpdate(FIXED_NOW.minusSeconds(30)).build(), "Tue, 15 Jan 2030 10:10:00 GMT");
            assertTrue(source.refresh());
            assertTrue(first != source.current(), "a new CRL is installed");
        }
    }

    @Test
    void oversizedCrlIsRefusedBeforeParsing() throws Exception {
        try (TestHttpServer server = TestHttpServer.crlServer()) {
            server.serve(new byte[4096], "Tue, 15 Jan 2030 10:00:00 GMT");
            CrlSource source = source(server.url("/x"), "crl.max-size", "1KiB");
            assertFalse(source.refresh());
            assertTrue(source.problem().contains("limit"), source.problem());
        }
    }

    @Test
    void distributionPointsAreFetchedOnlyFromAllowedHosts() throws Exception {
        try (TestHttpServer server = TestHttpServer.crlServer()) {
            TestIdentity revoked = ca.leaf("CN=cdp client,O=certgate test")
                    .crlDistributionPoint(server.url("/ca.crl"))
                    .issue();
            server.serve(
                    ca.crl()
                            .revoke(revoked.certificate().getSerialNumber(), CRLReason.keyCompromise)
                            .build(),
                    "Tue, 15 Jan 2030 10:00:00 GMT");
            try (RevocationChecker allowed =
                    new CrlCheckerProvider().create(context(MapSettings.of("crl.cdp.allowed-hosts", "127.0.0.1")))) {
                assertTrue(allowed.check(revoked.certificate(), ca.certificate(), FIXED_NOW)
                        .isRevoked());
                assertTrue(allowed.check(revoked.certificate(), ca.certificate(), FIXED_NOW)
                        .isRevoked());
                assertEquals(1, server.requests.get(), "loaded once, then served from the index");
            }
            try (RevocationChecker other = new CrlCheckerProvider()
                    .create(context(MapSettings.of("crl.cdp.allowed-hosts", "crl.example.com")))) {
                RevocationStatus status = other.check(revoked.certificate(), ca.certificate(), FIXED_NOW);
                assertTrue(status.isUnknown(), status.toString());
                assertEquals(1, server.requests.get(), "no fetch from a host not allow-listed");
            }
        }
    }

    @Test
    void indexFindsExactlyTheRevokedSerials() throws Exception {
        Random random = new Random(42);
        TestCrl builder = ca.crl();
        BigInteger[] revoked = new BigInteger[3000];
        for (int i = 0; i < revoked.length; i++) {
            int bits = switch (i % 4) {
                case 0 -> 159;
                case 1 -> 127;
                case 2 -> 64;
                default -> 20;
            };
            BigInteger serial = new BigInteger(bits, random);
            revoked[i] = i % 10 == 0 ? serial.negate() : serial; // negative serials exist in the wild
            builder.revoke(revoked[i], i % 11 == 7 ? 0 : i % 11);
        }
        ParsedCrl parsed = ParsedCrl.parse(builder.build());
        CrlIndex index = CrlIndexBuilder.build(parsed);
        assertEquals(revoked.length, index.size());
        for (BigInteger serial : revoked) {
            assertTrue(index.find(serial, ca.certificate().getSubjectX500Principal()) >= 0, serial.toString(16));
            assertEquals(
                    -1,
                    index.find(
                            serial.add(BigInteger.ONE)
                                    .shiftLeft(1)
                                    .add(BigInteger.ONE)
                                    .negate()
                                    .abs()
                                    .xor(BigInteger.TWO.pow(150)),
                            ca.certificate().getSubjectX500Principal()));
        }
        assertEquals(-1, index.find(BigInteger.TWO.pow(200), ca.certificate().getSubjectX500Principal()));
        assertEquals(-1, index.find(BigInteger.ZERO, ca.certificate().getSubjectX500Principal()));
        assertTrue(index.retainedBytes() < 3000 * 30L, "compact: " + index.retainedBytes());
    }

    @Test
    void derTimes() {
        assertEquals(
                Duration.ofDays(Der.daysFromCivil(2030, 1, 15)).toSeconds(),
                java.time.LocalDate.of(2030, 1, 15).toEpochDay() * 86400);
        assertEquals(java.time.LocalDate.of(1969, 12, 31).toEpochDay(), Der.daysFromCivil(1969, 12, 31));
        assertEquals(java.time.LocalDate.of(2000, 2, 29).toEpochDay(), Der.daysFromCivil(2000, 2, 29));
    }
}
