package dev.certgate.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.certgate.testing.TestIdentity;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

/** The client side of every container test: the certificate cases and the probe. */
public final class Clients {
    private final Pki pki;
    private final int port;
    private final String contextPath;
    private final TestIdentity trusted;

    /** @param contextPath "" for the root context, else "/name" */
    public Clients(Pki pki, int port, String contextPath) {
        this.pki = pki;
        this.port = port;
        this.contextPath = contextPath;
        this.trusted = pki.apiCa.leaf("CN=trusted client").issue();
    }

    /** The certgate properties of the test WARs: one host group whose clients must come from the api CA. */
    public static String properties(Pki pki) {
        return "certgate.hosts=api\n"
                + "certgate.host.api.names=localhost,api.example.com\n"
                + "certgate.trust=file:" + pki.apiCaPem.toString().replace('\\', '/') + "\n";
    }

    /**
     * TLS 1.3 and 1.2: no certificate 403, trusted 200, untrusted CA 403 (the handshake accepted
     * it: a refused handshake would throw instead), expired 403.
     */
    public void assertCertgateDecides(String path) {
        TestIdentity untrusted = pki.strangerCa.leaf("CN=stranger").issue();
        TestIdentity expired = pki.apiCa.leaf("CN=expired client").expired().issue();
        List<Executable> checks = new ArrayList<>();
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            checks.add(() -> assertEquals(403, status(null, protocol, path), protocol + " without certificate"));
            checks.add(() -> assertEquals(200, status(trusted, protocol, path), protocol + " trusted certificate"));
            checks.add(() -> assertEquals(403, status(untrusted, protocol, path), protocol + " untrusted CA"));
            checks.add(() -> assertEquals(403, status(expired, protocol, path), protocol + " expired certificate"));
        }
        assertAll(checks);
    }

    public int status(TestIdentity identity, String protocol, String path) throws Exception {
        return get(identity, protocol, path).statusCode();
    }

    public HttpResponse<String> get(TestIdentity identity, String protocol, String path) throws Exception {
        return HttpsClient.create(identity, pki.serverCa.certificate(), protocol)
                .get(port, null, contextPath + path);
    }

    /** GET /probe with the trusted certificate (so certgate lets it through and counts nothing). */
    public Map<String, String> probe() throws Exception {
        HttpResponse<String> r = get(trusted, "TLSv1.3", "/probe");
        assertEquals(200, r.statusCode(), "probe: " + r.body());
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : r.body().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }
}
