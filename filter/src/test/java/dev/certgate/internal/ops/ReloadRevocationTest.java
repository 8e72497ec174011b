package dev.certgate.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.internal.revocation.RevocationPolicy;
import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestCrl;
import dev.certgate.testing.TestIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.bouncycastle.asn1.x509.CRLReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload keeps the revocation checkers (CRL index, OCSP answers) whose settings and files did not
 * change, and replaces them when the CRL file changed; the revocation metrics follow.
 */
class ReloadRevocationTest {
    private static final TestCa CA = TestCa.root("CN=revocation reload CA");
    private static final TestIdentity GOOD = CA.leaf("CN=good").issue();
    private static final TestIdentity REVOKED = CA.leaf("CN=revoked").issue();

    @TempDir
    Path dir;

    private Path crl;
    private OpsServer server;

    @BeforeEach
    void start() throws Exception {
        Path pem = CA.writePem(dir.resolve("ca.pem"));
        crl = dir.resolve("ca.crl");
        writeCrl(REVOKED);
        Map<String, String> settings = OpsServer.apiGroup(pem, """
                certgate.host.api.mtls = false
                certgate.host.api.rules = require
                certgate.host.api.rule.require.expression = not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked
                certgate.host.api.rule.require.action = block
                certgate.host.api.revocation.checkers = crl
                certgate.host.api.revocation.scope = leaf
                """);
        settings.put("certgate.host.api.revocation.crl.sources", crl.toUri().toString());
        server = new OpsServer(settings);
        server.chains.put("good", GOOD.chainWithoutRoot());
        server.chains.put("revoked", REVOKED.chainWithoutRoot());
    }

    private void writeCrl(TestIdentity... revoked) throws Exception {
        Instant now = Instant.now();
        TestCrl b = CA.crl()
                .thisUpdate(now.minus(Duration.ofMinutes(revoked.length)))
                .nextUpdate(now.plus(Duration.ofDays(1)))
                .number(revoked.length);
        for (TestIdentity id : revoked) {
            b.revoke(id.certificate().getSerialNumber(), CRLReason.keyCompromise);
        }
        Files.write(crl, b.build());
    }

    @AfterEach
    void stop() throws Exception {
        System.clearProperty("certgate.host.api.rule.require.description");
        server.close();
    }

    private RevocationPolicy revocation() {
        return server.ops().policy().groups().get(0).certificates().revocation();
    }

    private double metric(String name, String... labels) {
        Map<String, String> map = new java.util.HashMap<>(Map.of("group", "api"));
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        return server.ops().metrics().value(name, map);
    }

    @Test
    void unchangedCheckersSurviveAndAChangedCrlFileReplacesThem() throws Exception {
        String location = crl.toUri().toString();
        assertEquals(200, server.status("api.test", "good", "/x"));
        assertEquals(403, server.status("api.test", "revoked", "/x"));
        assertEquals(1, metric("certgate_crl_entries", "crl", location));
        assertEquals(1, metric("certgate_crl_loaded", "crl", location));
        assertTrue(metric("certgate_crl_next_update_seconds", "crl", location) > 80_000);
        assertEquals(1, metric("certgate_revocation_answers_total", "status", "good", "source", "crl"));
        assertEquals(1, metric("certgate_revocation_answers_total", "status", "revoked", "source", "crl"));
        RevocationPolicy before = revocation();

        System.setProperty("certgate.host.api.rule.require.description", "a changed description only");
        assertEquals("reloaded", server.ops().reload("test").outcome());

        assertSame(before, revocation(), "same settings, same CRL file: the checker and its index are kept");

        writeCrl(REVOKED, GOOD);
        assertEquals("reloaded", server.ops().reloadIfChanged("interval").outcome());

        assertNotSame(before, revocation(), "the CRL file changed: a new checker read it");
        assertEquals(403, server.status("api.test", "good", "/x"), "revoked by the new CRL");
        assertEquals(2, metric("certgate_crl_entries", "crl", location));
        assertEquals(
                2,
                metric("certgate_revocation_answers_total", "status", "revoked", "source", "crl"),
                "counts of the replaced checker are kept");
    }
}
