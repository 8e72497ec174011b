package dev.certgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.certgate.CertGateFilter;
import dev.certgate.demo.JettyLauncher;
import dev.certgate.internal.revocation.RfcPki;
import dev.certgate.internal.revocation.RfcPki.Party;
import dev.certgate.testing.TestHttpServer;
import dev.certgate.testing.TestIdentity;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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

    private static final RfcPki RFC = new RfcPki(Instant.now());
    private static final List<TestHttpServer> CRL_SERVERS = new ArrayList<>();
    private static Pki pki;
    private static Server server;
    private static int port;
    private static Path dir;

    // separate CRL signer
    private static Party signerRoot;
    private static Party signerCa;
    private static Party signerGood;
    private static Party signerRevokedClient;
    // rollover
    private static Party oldRoot;
    private static Party rolloverGood;
    private static Party rolloverRevoked;
    // delta
    private static Party deltaRoot;
    private static Party deltaGood;
    private static Party revokedSinceBase;
    private static Party releasedFromHold;

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
        Party root = RFC.cert("paths root").ca().build();
        signerRoot = root;
        signerCa = RFC.cert("paths issuing CA").issuer(root).ca().build();
        Party crlSigner = RFC.cert(signerCa.name())
                .issuer(root)
                .keyUsage(KeyUsage.cRLSign)
                .build();
        signerGood = RFC.cert("signer good").issuer(signerCa).build();
        signerRevokedClient = RFC.cert("signer revoked client").issuer(signerCa).build();
        String caCrl = serve(RFC.crl(crlSigner)
                .issuerName(signerCa.name())
                .revoke(signerRevokedClient.serial(), CRLReason.keyCompromise)
                .build());
        String rootCrl = serve(RFC.crl(root).build());
        String rootCrlRevokingSigner = serve(RFC.crl(root)
                .revoke(crlSigner.serial(), CRLReason.keyCompromise)
                .build());
        Path rootPem = RfcPki.writePem(dir.resolve("root.pem"), root);
        Path signerPem = RfcPki.writePem(dir.resolve("crl-signer.pem"), crlSigner);
        group(filter, "signer-ok", rootPem, caCrl + "," + rootCrl, signerPem);
        group(filter, "signer-revoked", rootPem, caCrl + "," + rootCrlRevokingSigner, signerPem);

        // Rollover: the CA now signs CRLs with its new key; clients and the anchor are the old key's.
        oldRoot = RFC.cert("paths rolling root").ca().build();
        Party newRoot = RFC.cert(oldRoot.name()).ca().build();
        Party newWithOld = RFC.cert(oldRoot.name())
                .keys(newRoot.keys())
                .ski(newRoot.ski())
                .issuer(oldRoot)
                .ca()
                .build();
        rolloverGood = RFC.cert("rollover good").issuer(oldRoot).build();
        rolloverRevoked = RFC.cert("rollover revoked").issuer(oldRoot).build();
        String byNewKey = serve(RFC.crl(newRoot)
                .revoke(rolloverRevoked.serial(), CRLReason.superseded)
                .build());
        group(
                filter,
                "rollover",
                RfcPki.writePem(dir.resolve("old-root.pem"), oldRoot),
                byNewKey,
                RfcPki.writePem(dir.resolve("new-with-old.pem"), newWithOld));

        // Delta: base 10 holds one client, delta 11 releases it and revokes another.
        deltaRoot = RFC.cert("paths delta root").ca().build();
        deltaGood = RFC.cert("delta good").issuer(deltaRoot).build();
        revokedSinceBase = RFC.cert("revoked since the base").issuer(deltaRoot).build();
        releasedFromHold = RFC.cert("released from hold").issuer(deltaRoot).build();
        String base = serve(RFC.crl(deltaRoot)
                .number(10)
                .revoke(releasedFromHold.serial(), CRLReason.certificateHold)
                .build());
        String delta = serve(RFC.crl(deltaRoot)
                .number(11)
                .deltaOf(10)
                .revoke(revokedSinceBase.serial(), CRLReason.keyCompromise)
                .revoke(releasedFromHold.serial(), CRLReason.removeFromCRL)
                .build());
        group(filter, "delta", RfcPki.writePem(dir.resolve("delta-root.pem"), deltaRoot), base + "," + delta, null);

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

    /** A request presenting client's chain up to (not including) root, as TLS clients send it. */
    private static int get(String host, Party client, Party... issuersUpToRoot) throws Exception {
        java.security.cert.X509Certificate[] chain = new java.security.cert.X509Certificate[issuersUpToRoot.length + 1];
        chain[0] = client.cert();
        for (int i = 0; i < issuersUpToRoot.length; i++) {
            chain[i + 1] = issuersUpToRoot[i].cert();
        }
        TestIdentity identity = TestIdentity.of(client.keys(), chain); // its key store leaves the root out
        return HttpsClient.create(identity, pki.serverCa.certificate())
                .get(port, host + ".example.com", "/")
                .statusCode();
    }

    @Test
    void aCrlFromASeparateSignerCountsOnlyWhileTheSignerIsNotRevoked() throws Exception {
        assertEquals(200, get("signer-ok", signerGood, signerCa, signerRoot));
        assertEquals(403, get("signer-ok", signerRevokedClient, signerCa, signerRoot));
        // The root's CRL revokes the CRL signer: the CA's CRL is unusable, the client UNKNOWN → blocked.
        assertEquals(403, get("signer-revoked", signerGood, signerCa, signerRoot));
    }

    @Test
    void aCrlSignedByTheCasNewKeyAnswersForClientsOfTheOldAnchor() throws Exception {
        assertEquals(200, get("rollover", rolloverGood, oldRoot));
        assertEquals(403, get("rollover", rolloverRevoked, oldRoot));
    }

    @Test
    void aDeltaCrlRevokesAndReleasesOnTopOfItsBase() throws Exception {
        assertEquals(200, get("delta", deltaGood, deltaRoot));
        assertEquals(403, get("delta", revokedSinceBase, deltaRoot));
        assertEquals(200, get("delta", releasedFromHold, deltaRoot));
    }
}
