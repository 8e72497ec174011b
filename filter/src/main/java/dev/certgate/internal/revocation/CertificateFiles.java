package dev.certgate.internal.revocation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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
}
