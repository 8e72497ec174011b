package dev.certgate.it;

import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The test PKI of the integration tests: two client CAs, a stranger CA and a server certificate. */
public final class Pki {
    public final TestCa serverCa = TestCa.root("CN=it server CA");
    public final TestCa apiCa = TestCa.root("CN=it api clients CA,O=certgate it");
    public final TestCa partnersCa = TestCa.root("CN=it partners CA,O=certgate it");
    public final TestCa strangerCa = TestCa.root("CN=stranger CA,O=elsewhere");
    public final Path dir;
    public final Path serverKeyStore;
    public final Path apiCaPem;
    public final Path partnersCaPem;

    public Pki() throws IOException {
        this(Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "certgate-it-pki"));
    }

    /** Writes the server key store and the CA files into {@code dir}. */
    public Pki(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        serverKeyStore = dir.resolve("server.p12");
        serverCa.leaf("CN=localhost")
                .server()
                .dns("localhost", "api.example.com", "*.partners.example.com", "public.example.com")
                .issue()
                .writeKeyStore(serverKeyStore);
        apiCaPem = dir.resolve("api-ca.pem");
        Files.writeString(apiCaPem, TestIdentity.pem(apiCa.certificate()));
        partnersCaPem = dir.resolve("partners-ca.pem");
        Files.writeString(partnersCaPem, TestIdentity.pem(partnersCa.certificate()));
    }
}
