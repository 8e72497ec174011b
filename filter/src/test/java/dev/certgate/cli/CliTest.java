package dev.certgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    static Path dir;

    static TestCa ca;
    static TestIdentity client;
    static Path caPem;
    static Path leafPem;

    @BeforeAll
    static void pki() throws Exception {
        ca = TestCa.root("CN=cli CA");
        client = ca.leaf("CN=cli client,O=Example")
                .dns("svc.example.com")
                .validity(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(10)))
                .issue();
        caPem = ca.writePem(dir.resolve("ca.pem"));
        leafPem = client.writeCertificate(dir.resolve("leaf.pem"));
    }

    record Result(int exit, String out, String err) {}

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                args,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void checkPrintsTheRulesOfEachHost() throws Exception {
        Path props = dir.resolve("ok.properties");
        Files.writeString(
                props,
                "certgate.hosts=api\ncertgate.host.api.names=api.example.com\ncertgate.host.api.trust=" + caPem + "\n");
        Result r = run("check", props.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("host group 'api': api.example.com"), r.out());
        assertTrue(r.out().contains("mtls"), r.out());
        assertTrue(r.out().contains("not cf.tls_client_auth.cert_verified"), r.out());
    }

    @Test
    void checkFailsWithTheFiltersMessage() throws Exception {
        Path props = dir.resolve("bad.properties");
        Files.writeString(props, "certgate.hosts=api\ncertgate.host.api.names=api.example.com\n");
        Result r = run("check", props.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("certgate.host.api.trust:"), r.err());
    }

    @Test
    void certPrintsEveryField() {
        Result r = run("cert", "--trust", caPem.toString(), leafPem.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"cf.tls_client_auth.cert_presented\": true"), r.out());
        assertTrue(r.out().contains("\"cf.tls_client_auth.cert_verified\": true"), r.out());
        assertTrue(r.out().contains("\"cf.tls_client_auth.cert_revoked\": false"), r.out());
        assertTrue(r.out().contains("\"cf.tls_client_auth.cert_subject_dn\": \"O=Example,CN=cli client\""), r.out());
        assertTrue(r.out().contains("\"certgate.tls_client_auth.san.dns\": [\"svc.example.com\"]"), r.out());
        assertTrue(r.out().contains("\"certgate.tls_client_auth.revocation_status\": \"unchecked\""), r.out());
        assertTrue(r.out().contains("\"certgate.tls_client_auth.verify_error\": \"\""), r.out());
    }

    @Test
    void certExplainsARefusal() {
        Result r = run(
                "cert",
                "--trust",
                caPem.toString(),
                "--at",
                Instant.now().plus(Duration.ofDays(30)).toString(),
                leafPem.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"cf.tls_client_auth.cert_verified\": false"), r.out());
        assertTrue(r.out().contains("\"certgate.tls_client_auth.verify_error\": \"certificate has expired\""), r.out());
    }

    @Test
    void usageErrorsExitWith2() {
        assertEquals(2, run("cert").exit());
        assertEquals(2, run("cert", "--at", "yesterday", leafPem.toString()).exit());
        assertEquals(2, run("nope").exit());
        assertEquals(2, run("check").exit());
    }
}
