package dev.certgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.certgate.CertGateFilter;
import dev.certgate.demo.JettyLauncher;
import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestCrl;
import dev.certgate.testing.TestHttpServer;
import dev.certgate.testing.TestIdentity;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The RFC 5280 §6.3.3 cases that matter most, through the filter over real TLS with CRLs from a
 * real HTTP server: a CRL signed by a separate key whose certificate is revoked, a CA key rollover
 * (CRL signed by the new key, clients under the old anchor), and a delta CRL on top of its base.
 */
class RevocationPathsIT {
    private static final String REVOKED_RULE =
            "not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked";

    private static final List<TestHttpServer> CRL_SERVERS = new ArrayList<>();
    private static Pki pki;
    private static Server server;
    private static int port;
    private static Path dir;

    // separate CRL signer
    private static TestCa signerCa;
    private static TestIdentity signerGood;
    private static TestIdentity signerRevokedClient;
    // rollover
    private static TestCa oldRoot;
    private static TestIdentity rolloverGood;
    private static TestIdentity rolloverRevoked;
    // delta
    private static TestCa deltaRoot;
    private static TestIdentity deltaGood;
    private static TestIdentity revokedSinceBase;
    private static TestIdentity releasedFromHold;

    @BeforeAll
    static void start() throws Exception {
        pki = new Pki();
        dir = Files.createTempDirectory(
                Files.createDirectories(Path.of("target").toAbsolutePath()), "certgate-rev-paths");
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        FilterHolder filter = new FilterHolder(CertGateFilter.class);
        filter.setName("certgate");
        filter.setInitParameter("certgate.hosts", "signer-ok,signer-revoked,rollover,delta");

        // A CA whose CRLs are signed by a separate key (same CA name, cRLSign only, certified by the root).
        TestCa root = TestCa.root(dn("paths root"));
        signerCa = root.subordinate(dn("paths issuing CA")).issueCa();
        TestIdentity crlSigner =
                root.leaf(signerCa.name()).keyUsage(KeyUsage.cRLSign).issue();
        signerGood = signerCa.leaf(dn("signer good")).issue();
        signerRevokedClient = signerCa.leaf(dn("signer revoked client")).issue();
        String caCrl = serve(TestCrl.signedBy(crlSigner, signerCa.now())
                .issuerName(signerCa.name())
                .revoke(signerRevokedClient.serial(), CRLReason.keyCompromise)
                .build());
        String rootCrl = serve(root.crl().build());
        String rootCrlRevokingSigner = serve(
                root.crl().revoke(crlSigner.serial(), CRLReason.keyCompromise).build());
        Path rootPem = writePem("root.pem", root.identity());
        Path signerPem = writePem("crl-signer.pem", crlSigner);
        group(filter, "signer-ok", rootPem, caCrl + "," + rootCrl, signerPem);
        group(filter, "signer-revoked", rootPem, caCrl + "," + rootCrlRevokingSigner, signerPem);

        // Rollover: the CA now signs CRLs with its new key; clients and the anchor are the old key's.
        oldRoot = TestCa.root(dn("paths rolling root"));
        TestCa newRoot = TestCa.selfSigned(oldRoot.name(), oldRoot.now()).issueCa();
        TestCa newWithOld =
                oldRoot.subordinate(oldRoot.name()).keys(newRoot.keyPair()).issueCa();
        rolloverGood = oldRoot.leaf(dn("rollover good")).issue();
        rolloverRevoked = oldRoot.leaf(dn("rollover revoked")).issue();
        String byNewKey = serve(newRoot.crl()
                .revoke(rolloverRevoked.serial(), CRLReason.superseded)
                .build());
        group(
                filter,
                "rollover",
                writePem("old-root.pem", oldRoot.identity()),
                byNewKey,
                writePem("new-with-old.pem", newWithOld.identity()));

        // Delta: base 10 holds one client, delta 11 releases it and revokes another.
        deltaRoot = TestCa.root(dn("paths delta root"));
        deltaGood = deltaRoot.leaf(dn("delta good")).issue();
        revokedSinceBase = deltaRoot.leaf(dn("revoked since the base")).issue();
        releasedFromHold = deltaRoot.leaf(dn("released from hold")).issue();
        String base = serve(deltaRoot
                .crl()
                .number(10)
                .revoke(releasedFromHold.serial(), CRLReason.certificateHold)
                .build());
        String delta = serve(deltaRoot
                .crl()
                .number(11)
                .delta(10)
                .revoke(revokedSinceBase.serial(), CRLReason.keyCompromise)
                .revoke(releasedFromHold.serial(), CRLReason.removeFromCRL)
                .build());
        group(filter, "delta", writePem("delta-root.pem", deltaRoot.identity()), base + "," + delta, null);

        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(
                new ServletHolder(new HttpServlet() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                        resp.getWriter().print("ok");
                    }
                }),
                "/*");
        server = JettyLauncher.start(context, pki.serverKeyStore, 0, false);
        port = JettyLauncher.port(server);
    }

    private static String dn(String cn) {
        return "CN=" + cn + ",O=certgate rfc test";
    }

    private static Path writePem(String name, TestIdentity identity) throws IOException {
        return Files.writeString(dir.resolve(name), TestIdentity.pem(identity.certificate()));
    }

    private static String serve(byte[] crl) throws IOException {
        TestHttpServer crlServer = TestHttpServer.crlServer();
        crlServer.serve(crl, "Wed, 25 Nov 2026 10:00:00 GMT");
        CRL_SERVERS.add(crlServer);
        return crlServer.url("/" + CRL_SERVERS.size() + ".crl");
    }

    private static void group(FilterHolder filter, String id, Path trust, String sources, Path signers) {
        String p = "certgate.host." + id + ".";
        filter.setInitParameter(p + "names", id + ".example.com");
        filter.setInitParameter(p + "trust", trust.toString());
        filter.setInitParameter(p + "mtls", "false");
        filter.setInitParameter(p + "rules", "revoked");
        filter.setInitParameter(p + "rule.revoked.expression", REVOKED_RULE);
        filter.setInitParameter(p + "rule.revoked.action", "block");
        filter.setInitParameter(p + "revocation.checkers", "crl");
        filter.setInitParameter(p + "revocation.crl.sources", sources);
        if (signers != null) {
            filter.setInitParameter(
                    p + "revocation.crl.signers", signers.toUri().toString());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        CRL_SERVERS.forEach(TestHttpServer::close);
    }

    /** A request presenting client's chain up to (not including) the root, as TLS clients send it. */
    private static int get(String host, TestIdentity client) throws Exception {
        return HttpsClient.create(client, pki.serverCa.certificate()) // its key store leaves the root out
                .get(port, host + ".example.com", "/")
                .statusCode();
    }

    @Test
    void aCrlFromASeparateSignerCountsOnlyWhileTheSignerIsNotRevoked() throws Exception {
        assertEquals(200, get("signer-ok", signerGood));
        assertEquals(403, get("signer-ok", signerRevokedClient));
        // The root's CRL revokes the CRL signer: the CA's CRL is unusable, the client UNKNOWN → blocked.
        assertEquals(403, get("signer-revoked", signerGood));
    }

    @Test
    void aCrlSignedByTheCasNewKeyAnswersForClientsOfTheOldAnchor() throws Exception {
        assertEquals(200, get("rollover", rolloverGood));
        assertEquals(403, get("rollover", rolloverRevoked));
    }

    @Test
    void aDeltaCrlRevokesAndReleasesOnTopOfItsBase() throws Exception {
        assertEquals(200, get("delta", deltaGood));
        assertEquals(403, get("delta", revokedSinceBase));
        assertEquals(200, get("delta", releasedFromHold));
    }
}
