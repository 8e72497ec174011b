package dev.certgate.it.arquillian;

import org.jboss.arquillian.container.jetty.embedded_12_ee10.WebAppContextProcessor;
import org.jboss.arquillian.container.spi.event.container.BeforeSetup;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Test-only Arquillian extension: writes the test PKI before the container starts (its key store
 * is named in arquillian.xml) and turns the adapter's HTTPS into want-mode with certgate deciding.
 */
public class CertGateArquillianExtension implements LoadableExtension {
    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(PkiWriter.class);
        builder.service(WebAppContextProcessor.class, WantClientCertificates.class);
    }

    /** Arquillian observer: the server key store must exist when the container starts. */
    public static class PkiWriter {
        public void writePki(@Observes BeforeSetup event) {
            SharedPki.get();
        }
    }
}
