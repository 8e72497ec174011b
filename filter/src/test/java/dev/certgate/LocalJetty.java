package dev.certgate;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A plain-HTTP Jetty on 127.0.0.1 and a free port with certgate in front, for the filter's
 * end-to-end tests. Registered as a static extension ({@code @RegisterExtension static final
 * LocalJetty JETTY = new LocalJetty()}), it stops the server it {@link #serve}s after the class.
 */
public final class LocalJetty implements AfterAllCallback {
    private Server server;

    /** Starts context on this fixture's server; returns its port. */
    public int serve(ServletContextHandler context) throws Exception {
        server = start(context);
        return port(server);
    }

    public Server server() {
        return server;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    /** What a test servlet does with a GET (or, for {@link #servlet(Handler, Handler)}, a POST). */
    public interface Handler {
        void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException;
    }

    /** Starts {@code context} on a new server; stop it with {@link Server#stop()}. */
    public static Server start(ServletContextHandler context) throws Exception {
        Server server = new Server(0);
        ((ServerConnector) server.getConnectors()[0]).setHost("127.0.0.1");
        server.setHandler(context);
        server.start();
        return server;
    }

    public static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** Adds filter in front of everything added after it, on every path. */
    public static void addFilter(ServletContextHandler context, Filter filter) {
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
    }

    /** Adds certgate (filter name "certgate") on every path with these init parameters. */
    public static FilterHolder addCertgate(ServletContextHandler context, Map<String, String> initParams) {
        FilterHolder certgate = new FilterHolder(CertGateFilter.class);
        certgate.setName("certgate");
        initParams.forEach(certgate::setInitParameter);
        context.addFilter(certgate, "/*", EnumSet.of(DispatcherType.REQUEST));
        return certgate;
    }

    /** Init parameters written as properties text, one {@code key = value} a line. */
    public static Map<String, String> settings(String properties) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(properties));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.forEach((key, value) -> out.put((String) key, (String) value));
        return out;
    }

    /** A servlet that answers GET with get. */
    public static ServletHolder servlet(Handler get) {
        return servlet(get, null);
    }

    /** A servlet that answers GET with get and POST with post (405 when null). */
    public static ServletHolder servlet(Handler get, Handler post) {
        return new ServletHolder(new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp)
                    throws IOException, ServletException {
                get.handle(req, resp);
            }

            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse resp)
                    throws IOException, ServletException {
                if (post == null) {
                    super.doPost(req, resp);
                } else {
                    post.handle(req, resp);
                }
            }
        });
    }

    /** A servlet that answers 200 with {@code body}. */
    public static ServletHolder text(String body) {
        return servlet((req, resp) -> resp.getWriter().print(body));
    }
}
