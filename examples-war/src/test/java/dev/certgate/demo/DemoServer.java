package dev.certgate.demo;

import java.nio.file.Path;
import org.eclipse.jetty.server.Server;

/**
 * Starts the example WAR in Jetty 12 on https://localhost:8443 with client certificates requested
 * but not required, so that certgate decides, and prints the curl commands that show it.
 * Arguments: the WAR, the PKI directory. Run by {@code mvn -Pdemo -DskipTests package}.
 */
public final class DemoServer {
    private DemoServer() {}

    public static void main(String[] args) throws Exception {
        Path war = Path.of(args.length > 0 ? args[0] : "examples-war/target/certgate-example.war")
                .toAbsolutePath();
        Path pki = Path.of(args.length > 1 ? args[1] : "examples-war/target/demo-pki")
                .toAbsolutePath();
        int port = Integer.getInteger("demo.port", 8443);

        DemoPki.ensure(pki);
        // The deployment, not the WAR, says which CA our clients come from.
        if (System.getProperty("certgate.trust") == null && System.getenv("CERTGATE_TRUST") == null) {
            System.setProperty("certgate.trust", "file:" + pki.resolve("ca.pem"));
        }
        Server server = JettyLauncher.start(war, pki.resolve("server.p12"), port);
        int actual = JettyLauncher.port(server);
        printInstructions(pki, actual);
        server.join();
    }

    private static void printInstructions(Path pki, int port) {
        String base = "https://localhost:" + port;
        String ca = "--cacert " + pki.resolve("server-ca.pem");
        System.out.println();
        System.out.println("certgate demo: the example API is up on " + base + " (Ctrl-C stops it)");
        System.out.println("Client certificates are requested, not required; certgate decides.");
        System.out.println();
        System.out.println("# 200: a client certificate from the trusted CA");
        System.out.println("curl " + ca + " --cert " + pki.resolve("client.pem") + " --key "
                + pki.resolve("client-key.pem") + " " + base + "/api/hello");
        System.out.println("# 403: no client certificate");
        System.out.println("curl " + ca + " " + base + "/api/hello");
        System.out.println("# 403: a certificate from a CA this host does not trust");
        System.out.println("curl " + ca + " --cert " + pki.resolve("stranger.pem") + " --key "
                + pki.resolve("stranger-key.pem") + " " + base + "/api/hello");
        System.out.println("# 403: the server certificate's other names need a client certificate too");
        System.out.println("curl " + ca + " https://127.0.0.1:" + port + "/api/hello");
        System.out.println("# 403 even with a valid certificate: a request naming no host is in no host group"
                + " (certgate.on-unmatched-host=block)");
        System.out.println("curl --http1.0 -H 'Host:' " + ca + " --cert " + pki.resolve("client.pem") + " --key "
                + pki.resolve("client-key.pem") + " https://127.0.0.1:" + port + "/api/hello");
        System.out.println("# 200: the health check is public");
        System.out.println("curl " + ca + " " + base + "/health");
        System.out.println();
    }
}
