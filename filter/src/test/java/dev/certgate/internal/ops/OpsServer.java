package dev.certgate.internal.ops;

import dev.certgate.LocalJetty;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;

/**
 * A Jetty on a free loopback port with certgate in front of a servlet answering "app". The chain a
 * request presents is chosen by its {@code X-Test-Client} header (standing in for a TLS connector:
 * the same certificate objects every time, as a container hands them per session).
 */
final class OpsServer implements AutoCloseable {
    final Map<String, X509Certificate[]> chains = new ConcurrentHashMap<>();
    private final Server server;
    private final ServletContextHandler context;
    private final HttpClient http = HttpClient.newHttpClient();

    OpsServer(Map<String, String> initParams) throws Exception {
        context = new ServletContextHandler();
        context.setContextPath("/app");
        LocalJetty.addFilter(context, new ChainFromHeader(chains));
        LocalJetty.addCertgate(context, initParams);
        context.addServlet(LocalJetty.text("app"), "/*");
        server = LocalJetty.start(context);
    }

    /**
     * The settings of one group "api" answering for api.test, trusting the CA in the PEM file trust,
     * without periodic reloads; then more, as properties text ({@code key = value} a line).
     */
    static Map<String, String> apiGroup(Path trust, String more) {
        Map<String, String> settings = LocalJetty.settings("""
                certgate.hosts = api
                certgate.host.api.names = api.test
                certgate.reload.interval = off
                """ + more);
        settings.put("certgate.host.api.trust", trust.toString());
        return settings;
    }

    int port() {
        return LocalJetty.port(server);
    }

    Operations ops() {
        return (Operations) context.getServletContext().getAttribute(Operations.ATTRIBUTE);
    }

    /** GET {@code /app<path>} with that Host header value and client ("" = no certificate). */
    HttpResponse<String> get(String host, String client, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/app" + path))
                .header("X-Test-Client", client)
                .header("Host-Override", host)
                .GET());
    }

    int status(String host, String client, String path) throws IOException, InterruptedException {
        return get(host, client, path).statusCode();
    }

    /** As {@link #status} from another client address. */
    int statusFrom(String address, String host, String client, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/app" + path))
                        .header("X-Test-Client", client)
                        .header("Host-Override", host)
                        .header("Address-Override", address)
                        .GET())
                .statusCode();
    }

    /** As {@link #status} with a forged RFC 9440 {@code Client-Cert} header (not a certificate). */
    int statusWithForgedCertificateHeader(String host, String client, String path)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/app" + path))
                        .header("X-Test-Client", client)
                        .header("Host-Override", host)
                        .header("Client-Cert", ":Zm9yZ2Vk:")
                        .GET())
                .statusCode();
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Exposes the chain named by X-Test-Client, and lets a test choose the Host (the JDK client won't). */
    static final class ChainFromHeader extends HttpFilter {
        /** Reads of the client address through the {@code Address-Override} wrapper. */
        static final java.util.concurrent.atomic.AtomicInteger ADDRESS_READS =
                new java.util.concurrent.atomic.AtomicInteger();

        private static final long serialVersionUID = 1L;
        private final transient Map<String, X509Certificate[]> chains;

        ChainFromHeader(Map<String, X509Certificate[]> chains) {
            this.chains = chains;
        }

        @Override
        protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
                throws IOException, ServletException {
            X509Certificate[] sent = chains.get(String.valueOf(req.getHeader("X-Test-Client")));
            if (sent != null) {
                req.setAttribute("jakarta.servlet.request.X509Certificate", sent);
            }
            String host = req.getHeader("Host-Override");
            String address = req.getHeader("Address-Override");
            chain.doFilter(
                    host == null && address == null
                            ? req
                            : new jakarta.servlet.http.HttpServletRequestWrapper(req) {
                                @Override
                                public String getHeader(String name) {
                                    return name.equalsIgnoreCase("Host") && host != null ? host : super.getHeader(name);
                                }

                                @Override
                                public String getRemoteAddr() {
                                    ADDRESS_READS.incrementAndGet();
                                    return address != null ? address : super.getRemoteAddr();
                                }
                            },
                    res);
        }
    }
}
