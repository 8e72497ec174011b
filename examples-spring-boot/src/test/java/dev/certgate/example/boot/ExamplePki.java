package dev.certgate.example.boot;

import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The example's demo PKI, generated with Bouncy Castle on first start and kept: the clients' CA,
 * a server certificate for localhost, an admin client (SAN URI spiffe://example/admin), a user
 * client and a stranger from another CA; client certificates as PEM for curl.
 */
final class ExamplePki {
    static final String[] FILES = {
        "clients-ca.pem",
        "server-ca.pem",
        "server.p12",
        "admin.pem",
        "admin-key.pem",
        "user.pem",
        "user-key.pem",
        "stranger.pem",
        "stranger-key.pem"
    };

    private ExamplePki() {}

    static void ensure(Path dir) throws IOException {
        boolean complete = true;
        for (String f : FILES) {
            complete &= Files.isRegularFile(dir.resolve(f));
        }
        if (complete) {
            return;
        }
        Files.createDirectories(dir);
        TestCa clients = TestCa.root("O=certgate example,CN=certgate example clients CA");
        Files.writeString(dir.resolve("clients-ca.pem"), TestIdentity.pem(clients.certificate()));
        TestCa serverCa = TestCa.root("O=certgate example,CN=certgate example server CA");
        Files.writeString(dir.resolve("server-ca.pem"), TestIdentity.pem(serverCa.certificate()));
        serverCa.leaf("O=certgate example,CN=localhost")
                .server()
                .dns("localhost")
                .ip("127.0.0.1")
                .issue()
                .writeKeyStore(dir.resolve("server.p12"));
        clients.leaf("O=certgate example,CN=ada")
                .uri("spiffe://example/admin")
                .issue()
                .writePem(dir.resolve("admin.pem"), dir.resolve("admin-key.pem"));
        clients.leaf("O=certgate example,CN=bert")
                .uri("spiffe://example/user")
                .issue()
                .writePem(dir.resolve("user.pem"), dir.resolve("user-key.pem"));
        TestCa.root("O=elsewhere,CN=some other CA")
                .leaf("O=elsewhere,CN=stranger")
                .issue()
                .writePem(dir.resolve("stranger.pem"), dir.resolve("stranger-key.pem"));
    }
}
