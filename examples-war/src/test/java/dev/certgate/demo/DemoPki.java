package dev.certgate.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;

/**
 * The demo's PKI, generated with Bouncy Castle on first start and kept for later starts so the
 * printed curl commands keep working: our clients' CA, a server certificate for localhost, a valid
 * client and a "stranger" whose certificate comes from another CA.
 */
final class DemoPki {
    static final String[] FILES = {"ca.pem", "server.p12", "client.pem", "client-key.pem", "stranger.pem",
            "stranger-key.pem"};

    private DemoPki() {
    }

    static void ensure(Path dir) throws IOException {
        boolean complete = true;
        for (String f : FILES) {
            complete &= Files.isRegularFile(dir.resolve(f));
        }
        if (complete) {
            return;
        }
        Files.createDirectories(dir);
        TestCa ca = TestCa.root("CN=certgate demo clients CA,O=certgate demo");
        Files.writeString(dir.resolve("ca.pem"), TestIdentity.pem(ca.certificate()));

        // The server certificate comes from its own CA: trusting it is the client's business (curl --cacert).
        TestCa serverCa = TestCa.root("CN=certgate demo server CA,O=certgate demo");
        Files.writeString(dir.resolve("server-ca.pem"), TestIdentity.pem(serverCa.certificate()));
        serverCa.leaf("CN=localhost,O=certgate demo").server().dns("localhost", "api.example.com")
                .ip("127.0.0.1").issue().writeKeyStore(dir.resolve("server.p12"));

        ca.leaf("CN=demo client,OU=partners,O=certgate demo").email("client@example.com").issue()
                .writePem(dir.resolve("client.pem"), dir.resolve("client-key.pem"));

        TestCa strangerCa = TestCa.root("CN=some other CA,O=elsewhere");
        strangerCa.leaf("CN=stranger,O=elsewhere").issue()
                .writePem(dir.resolve("stranger.pem"), dir.resolve("stranger-key.pem"));
    }
}
