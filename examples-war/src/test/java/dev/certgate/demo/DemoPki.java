package dev.certgate.demo;

import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo's PKI (DNs are written most general first, as they are encoded; RFC 2253 shows them
 * reversed: {@code CN=demo client,OU=partners,O=certgate demo}), generated with Bouncy Castle on first start and kept for later starts so the
 * printed curl commands keep working: our clients' CA, a server certificate for localhost, a valid
 * client and a "stranger" whose certificate comes from another CA.
 */
public final class DemoPki {
    public static final String[] FILES = {
        "ca.pem", "server.p12", "client.pem", "client-key.pem", "stranger.pem", "stranger-key.pem"
    };

    private DemoPki() {}

    public static void ensure(Path dir) throws IOException {
        boolean complete = true;
        for (String f : FILES) {
            complete &= Files.isRegularFile(dir.resolve(f));
        }
        if (complete) {
            return;
        }
        Files.createDirectories(dir);
        TestCa ca = TestCa.root("O=certgate demo,CN=certgate demo clients CA");
        Files.writeString(dir.resolve("ca.pem"), TestIdentity.pem(ca.certificate()));

        // The server certificate comes from its own CA: trusting it is the client's business (curl --cacert).
        TestCa serverCa = TestCa.root("O=certgate demo,CN=certgate demo server CA");
        Files.writeString(dir.resolve("server-ca.pem"), TestIdentity.pem(serverCa.certificate()));
        serverCa.leaf("O=certgate demo,CN=localhost")
                .server()
                .dns("localhost", "api.example.com")
                .ip("127.0.0.1")
                .issue()
                .writeKeyStore(dir.resolve("server.p12"));

        ca.leaf("O=certgate demo,OU=partners,CN=demo client")
                .email("client@example.com")
                .issue()
                .writePem(dir.resolve("client.pem"), dir.resolve("client-key.pem"));

        TestCa strangerCa = TestCa.root("O=elsewhere,CN=some other CA");
        strangerCa
                .leaf("O=elsewhere,CN=stranger")
                .issue()
                .writePem(dir.resolve("stranger.pem"), dir.resolve("stranger-key.pem"));
    }
}
