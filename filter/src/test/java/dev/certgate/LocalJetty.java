package dev.certgate;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A plain-HTTP Jetty on 127.0.0.1 and a free port, for the filter's end-to-end tests. */
final class LocalJetty {
    private LocalJetty() {}

    /** Starts {@code context} on a new server; stop it with {@link Server#stop()}. */
    static Server start(ServletContextHandler context) throws Exception {
        Server server = new Server(0);
        ((ServerConnector) server.getConnectors()[0]).setHost("127.0.0.1");
        server.setHandler(context);
        server.start();
        return server;
    }

    static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** A servlet that answers 200 with {@code body}. */
    static ServletHolder text(String body) {
        return new ServletHolder(new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.getWriter().print(body);
            }
        });
    }
}
