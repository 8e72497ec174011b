package dev.certgate.internal.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Profile {@code openssl} (needs Debian's {@code openssl} package): runs print-expected.sh with the
 * real binary over the committed certificates and checks that openssl prints exactly what the
 * committed {@code *.openssl.txt} files — FieldValuesTest's expectations — say.
 */
@Tag("openssl")
class OpenSslPrintsTest {
    private static final Path DIR = Path.of("src/test/resources/openssl");

    @Test
    void theCommittedExpectationsAreWhatOpenSslPrints() throws Exception {
        requireOpenSsl();
        Path out = Files.createDirectories(Path.of("target/openssl-prints"));
        Process p = new ProcessBuilder(
                        "sh", "print-expected.sh", out.toAbsolutePath().toString())
                .directory(DIR.toFile())
                .redirectErrorStream(true)
                .start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "print-expected.sh failed: " + log);
        List<String> names = List.of("rsa-leaf", "ec-leaf", "no-key-ids-leaf", "intermediate");
        for (String name : names) {
            String file = name + ".openssl.txt";
            assertEquals(Files.readString(DIR.resolve(file)), Files.readString(out.resolve(file)), file);
        }
    }

    private static void requireOpenSsl() throws IOException, InterruptedException {
        try {
            Process v = new ProcessBuilder("openssl", "version")
                    .redirectErrorStream(true)
                    .start();
            if (v.waitFor(10, TimeUnit.SECONDS) && v.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // reported below
        }
        fail("the openssl profile needs the openssl binary on the PATH: apt-get install -y openssl");
    }
}
