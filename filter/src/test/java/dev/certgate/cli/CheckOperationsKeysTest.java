package dev.certgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} knows the operations keys and validates them as the filter does. */
class CheckOperationsKeysTest {
    @TempDir
    Path dir;

    private CliTest.Result check(String properties) throws Exception {
        Path file = dir.resolve("certgate.properties");
        Files.writeString(
                file,
                "certgate.hosts=api\ncertgate.host.api.names=api.example.com\n" + "certgate.host.api.mtls=false\n"
                        + properties);
        return CliTest.run("check", file.toString());
    }

    @Test
    void operationsKeysAreKnown() throws Exception {
        CliTest.Result r = check("certgate.reload.interval=10s\ncertgate.events.per-client=2\n"
                + "certgate.status.enabled=true\ncertgate.status.rule=ip.src in {127.0.0.1}\n");
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void aBadOperationsValueIsReportedWithItsProperty() throws Exception {
        CliTest.Result r = check("certgate.status.enabled=true\n");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("certgate.status.rule"), r.err());
        CliTest.Result interval = check("certgate.reload.interval=soon\n");
        assertEquals(1, interval.exit());
        assertTrue(interval.err().contains("certgate.reload.interval"), interval.err());
    }
}
