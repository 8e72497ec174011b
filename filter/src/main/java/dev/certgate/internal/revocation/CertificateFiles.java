package dev.certgate.internal.revocation;

import dev.certgate.revocation.CheckerContext;
import dev.certgate.revocation.RevocationConfigException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Reads X.509 certificates (PEM, one or many, or DER) from files. */
public final class CertificateFiles {

    private CertificateFiles() {}

    public static List<X509Certificate> read(Path file) throws IOException, CertificateException {
        byte[] bytes = Files.readAllBytes(file);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            for (var cert : factory.generateCertificates(in)) {
                out.add((X509Certificate) cert);
            }
        }
        if (out.isEmpty()) {
            throw new CertificateException("no certificate in " + file);
        }
        return out;
    }

    /**
     * Every certificate of the files of a checker setting, in order.
     *
     * @param property the setting, relative to the checker's context (e.g. {@code signers})
     * @throws RevocationConfigException naming the setting when a file cannot be read
     */
    public static List<X509Certificate> readAll(List<URI> files, CheckerContext context, String property)
            throws RevocationConfigException {
        List<X509Certificate> out = new ArrayList<>();
        for (URI file : files) {
            try {
                out.addAll(read(Path.of(file)));
            } catch (Exception e) {
                throw RevocationConfigException.of(
                        context.propertyName(property), "cannot read " + file + ": " + e.getMessage());
            }
        }
        return out;
    }
}
