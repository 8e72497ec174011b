package dev.certgate.it.arquillian;

import dev.certgate.it.Pki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** One test PKI per JVM, in the directory arquillian.xml reads the server key store from ({@code it.pki}). */
final class SharedPki {
    private static Pki pki;

    private SharedPki() {}

    static synchronized Pki get() {
        if (pki == null) {
            try {
                pki = new Pki(Path.of(System.getProperty("it.pki", "target/it-pki")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pki;
    }
}
