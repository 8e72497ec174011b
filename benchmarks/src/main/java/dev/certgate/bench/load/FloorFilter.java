package dev.certgate.bench.load;

import jakarta.servlet.FilterChain;
import jakarta.servlet.GenericFilter;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The floor of the load run (case F): the least a want-mode deployment can do and still decide on
 * the client certificate — the JDK's own client trust manager, its verdict cached per leaf
 * certificate, a 403 with a short body otherwise. No rules, no logging, no facts. What certgate's
 * default rule costs above this is certgate's own overhead.
 */
public final class FloorFilter extends GenericFilter {
    private static final long serialVersionUID = 1L;
    private static final byte[] FORBIDDEN = "{\"error\":\"forbidden\"}\n".getBytes(StandardCharsets.UTF_8);
    private static final int MAX_CACHED = 10_000;

    private transient X509TrustManager trust;
    private final transient ConcurrentHashMap<X509Certificate, Boolean> verdicts = new ConcurrentHashMap<>();

    @Override
    public void init() throws ServletException {
        try (InputStream in = Files.newInputStream(Path.of(getInitParameter("truststore")))) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, Pki.PASSWORD);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(ks);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    trust = x;
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new ServletException(e);
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        X509Certificate[] certs = (X509Certificate[]) req.getAttribute("jakarta.servlet.request.X509Certificate");
        // Bounded by clearing outside computeIfAbsent: a ConcurrentHashMap must not be changed from
        // inside its own mapping function (doing so hung this server under certificate churn).
        if (verdicts.size() >= MAX_CACHED) {
            verdicts.clear();
        }
        if (certs != null && certs.length > 0 && verdicts.computeIfAbsent(certs[0], c -> verify(certs))) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletResponse response = (HttpServletResponse) res;
        response.setStatus(403);
        response.setContentType("application/json");
        response.setContentLength(FORBIDDEN.length);
        response.getOutputStream().write(FORBIDDEN);
    }

    private Boolean verify(X509Certificate[] chain) {
        try {
            trust.checkClientTrusted(chain, "EC");
            return Boolean.TRUE;
        } catch (CertificateException | RuntimeException e) {
            return Boolean.FALSE;
        }
    }
}
