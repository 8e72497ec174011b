package dev.certgate.it.proxies;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Without the binary the profile fails, and says what to install, instead of skipping. */
class MissingBinaryIT {
    @Test
    void aMissingBinaryFailsNamingThePackage() {
        AssertionFailedError e = assertThrows(
                AssertionFailedError.class, () -> ProxyProcess.binary("certgate-no-such-proxy", "some-package"));
        assertTrue(e.getMessage().contains("apt-get install -y some-package"), e.getMessage());
        assertTrue(e.getMessage().contains("'certgate-no-such-proxy' binary, which is not installed"), e.getMessage());
    }
}
