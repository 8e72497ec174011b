package dev.certgate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.certgate.internal.ops.Operations;
import dev.certgate.internal.policy.HostGroup;
import dev.certgate.internal.policy.Policy;
import dev.certgate.testing.TestCa;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate-only rules are evaluated once per cached chain and their results reused: requests of
 * different chains, interleaved, must each still get their own chain's answer, and the rules'
 * match counters must count every request.
 */
class CertificateOnlyRulesTest {
    @TempDir
    static Path dir;

    private static final TestCa CA = TestCa.root("CN=cert-only rules CA");
    private static final Map<String, X509Certificate[]> CHAINS = Map.of(
            "blocked", CA.leaf("CN=b,OU=Blocked").issue().chainWithoutRoot(),
            "allowed", CA.leaf("CN=a,OU=Fine").uri("spiffe://good/x").issue().chainWithoutRoot(),
            "spiffe", CA.leaf("CN=s,OU=Fine").uri("spiffe://attacker/x").issue().chainWithoutRoot());

    @RegisterExtension
    static final LocalJetty JETTY = new LocalJetty();

    private static int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path caPem = CA.writePem(dir.resolve("ca.pem"));
        ServletContextHandler context = new ServletContextHandler();
        LocalJetty.addFilter(context, new ChainFromHeader());
        Map<String, String> settings = LocalJetty.settings("""
                certgate.hosts = api
                certgate.host.api.names = localhost
                certgate.host.api.rules = ou, spiffe, mixed
                certgate.host.api.rule.ou.expression = cf.tls_client_auth.cert_subject_dn contains "OU=Blocked"
                certgate.host.api.rule.ou.action = block
                certgate.host.api.rule.spiffe.expression = any(starts_with(certgate.tls_client_auth.san.uri[*], "spiffe://attacker/"))
                certgate.host.api.rule.spiffe.action = block
                # Reads the path too: evaluated on every request.
                certgate.host.api.rule.mixed.expression = cf.tls_client_auth.cert_subject_dn contains "OU=Fine" and http.request.uri.path eq "/deny"
                certgate.host.api.rule.mixed.action = block
                """);
        settings.put("certgate.host.api.trust", caPem.toString());
        LocalJetty.addCertgate(context, settings);
        context.addServlet(LocalJetty.text("app"), "/*");
        port = JETTY.serve(context);
    }

    @Test
    void interleavedChainsEachGetTheirOwnAnswer() throws Exception {
        Policy policy = (Policy) ((ServletContextHandler) JETTY.server().getHandler())
                .getServletContext()
                .getAttribute(Operations.POLICY_ATTRIBUTE);
        long before = matches(policy, "ou") + matches(policy, "spiffe") + matches(policy, "mixed");
        int blocked = 0;
        for (int i = 0; i < 10; i++) {
            assertEquals(403, status("blocked", "/x"), "round " + i);
            assertEquals(200, status("allowed", "/x"), "round " + i);
            assertEquals(403, status("spiffe", "/x"), "round " + i);
            assertEquals(403, status("allowed", "/deny"), "round " + i);
            assertEquals(200, status("allowed-copy", "/x"), "round " + i);
            assertEquals(403, status("blocked-copy", "/x"), "round " + i);
            assertEquals(403, status("none", "/x"), "round " + i);
            blocked += 4;
        }
        long after = matches(policy, "ou") + matches(policy, "spiffe") + matches(policy, "mixed");
        // Every block by these rules is counted, remembered result or not ("none" is the mTLS rule's).
        assertEquals(blocked, after - before);
    }

    private static long matches(Policy policy, String id) {
        long n = 0;
        for (HostGroup g : policy.groups()) {
            for (int i = 0; i < g.ruleCount(); i++) {
                if (g.ruleAt(i).id().equals(id)) {
                    n += g.counts().matches(i);
                }
            }
        }
        return n;
    }

    private int status(String who, String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("X-Test-Client", who)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /**
     * Stands in for a TLS connector: exposes the chain named by a header. The same objects every
     * time (as a container does per session), or, for "-copy", freshly parsed equal certificates.
     */
    static final class ChainFromHeader extends HttpFilter {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
                throws IOException, ServletException {
            String who = String.valueOf(req.getHeader("X-Test-Client"));
            X509Certificate[] sent = CHAINS.get(who.replace("-copy", ""));
            if (sent != null) {
                req.setAttribute(
                        "jakarta.servlet.request.X509Certificate", who.endsWith("-copy") ? reparsed(sent) : sent);
            }
            chain.doFilter(req, res);
        }

        private static X509Certificate[] reparsed(X509Certificate[] chain) throws ServletException {
            try {
                CertificateFactory cf = CertificateFactory.getInstance("X.509", new BouncyCastleProvider());
                X509Certificate[] copy = new X509Certificate[chain.length];
                for (int i = 0; i < chain.length; i++) {
                    copy[i] = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(chain[i].getEncoded()));
                }
                return copy;
            } catch (Exception e) {
                throw new ServletException(e);
            }
        }
    }
}
