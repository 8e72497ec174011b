package dev.certgate.internal.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The CA certificates whose clients a host accepts, loaded from PEM (or DER) files or classpath
 * resources. Only these are ever trust anchors; certificates a client sends are never trusted.
 */
public final class TrustAnchors {
    private final List<X509Certificate> certificates;
    private final String description;

    private TrustAnchors(List<X509Certificate> certificates, String description) {
        this.certificates = List.copyOf(certificates);
        this.description = description;
    }

    public static TrustAnchors of(List<X509Certificate> certificates, String description) {
        return new TrustAnchors(certificates, description);
    }

    /**
     * Loads every certificate of every location. A location is {@code file:/path}, {@code classpath:path}
     * or a plain file path.
     *
     * @throws IllegalArgumentException naming the location and the problem
     */
    public static TrustAnchors load(List<String> locations, ClassLoader classLoader) {
        List<X509Certificate> all = new ArrayList<>();
        for (String location : locations) {
            List<X509Certificate> certs = readCertificates(location, classLoader);
            for (X509Certificate cert : certs) {
                if (cert.getBasicConstraints() < 0) {
                    throw new IllegalArgumentException("'" + location + "' holds a certificate that is not a CA ("
                            + cert.getSubjectX500Principal().getName() + "): trust anchors must be CA certificates");
                }
            }
            all.addAll(certs);
        }
        return new TrustAnchors(all, String.join(",", locations));
    }

    /** Reads every certificate of one location; fails if it holds none. */
    public static List<X509Certificate> readCertificates(String location, ClassLoader classLoader) {
        byte[] bytes = readLocation(location, classLoader);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            Collection<? extends java.security.cert.Certificate> parsed =
                    factory.generateCertificates(new ByteArrayInputStream(bytes));
            List<X509Certificate> certs = new ArrayList<>();
            for (java.security.cert.Certificate c : parsed) {
                certs.add((X509Certificate) c);
            }
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("'" + location + "' holds no certificate (expected PEM or DER)");
            }
            return certs;
        } catch (CertificateException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith("'")) {
                throw iae;
            }
            throw new IllegalArgumentException(
                    "'" + location + "' is not a readable certificate file (expected PEM or DER): " + e.getMessage(),
                    e);
        }
    }

    /** The bytes behind a location: {@code classpath:…}, {@code file:…} or a plain path. */
    public static byte[] readLocation(String location, ClassLoader classLoader) {
        String loc = location.strip();
        try {
            if (loc.startsWith("classpath:")) {
                String resource = loc.substring("classpath:".length());
                while (resource.startsWith("/")) {
                    resource = resource.substring(1);
                }
                ClassLoader cl = classLoader != null ? classLoader : TrustAnchors.class.getClassLoader();
                try (InputStream in = cl.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalArgumentException("'" + location + "': no such classpath resource");
                    }
                    return in.readAllBytes();
                }
            }
            Path path = Path.of(loc.startsWith("file:") ? loc.substring("file:".length()) : loc);
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("'" + location + "': no such file", e);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("'" + location + "' cannot be read: " + e, e);
        }
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }

    public boolean isEmpty() {
        return certificates.isEmpty();
    }

    public String description() {
        return description;
    }
}
