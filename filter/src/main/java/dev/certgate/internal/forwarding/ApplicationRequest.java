package dev.certgate.internal.forwarding;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The request as the application sees it after certgate's forwarding decisions: certificate
 * headers a non-trusted peer sent are gone (so no code downstream can mistake them for a proxy's),
 * and, when configured, {@code jakarta.servlet.request.X509Certificate} is the forwarded chain
 * certgate verified instead of whatever the TLS connection to the proxy carried.
 */
final class ApplicationRequest extends HttpServletRequestWrapper {
    static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    /** Lower-case names. */
    private final Set<String> hidden;

    private final boolean replaceCertificate;
    private final X509Certificate[] certificate;

    ApplicationRequest(
            HttpServletRequest request,
            Set<String> hiddenLowerCase,
            boolean replaceCertificate,
            X509Certificate[] certificate) {
        super(request);
        this.hidden = hiddenLowerCase;
        this.replaceCertificate = replaceCertificate;
        this.certificate = certificate;
    }

    private boolean isHidden(String name) {
        return name != null && !hidden.isEmpty() && hidden.contains(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String getHeader(String name) {
        return isHidden(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return isHidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        Enumeration<String> names = super.getHeaderNames();
        if (names == null || hidden.isEmpty()) {
            return names;
        }
        List<String> kept = Collections.list(names);
        kept.removeIf(this::isHidden);
        return Collections.enumeration(kept);
    }

    @Override
    public long getDateHeader(String name) {
        return isHidden(name) ? -1 : super.getDateHeader(name);
    }

    @Override
    public int getIntHeader(String name) {
        return isHidden(name) ? -1 : super.getIntHeader(name);
    }

    @Override
    public Object getAttribute(String name) {
        if (replaceCertificate && CERTIFICATE_ATTRIBUTE.equals(name)) {
            return certificate == null ? null : certificate.clone();
        }
        return super.getAttribute(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        Enumeration<String> names = super.getAttributeNames();
        if (!replaceCertificate) {
            return names;
        }
        List<String> all = names == null ? new java.util.ArrayList<>() : Collections.list(names);
        all.remove(CERTIFICATE_ATTRIBUTE);
        if (certificate != null) {
            all.add(CERTIFICATE_ATTRIBUTE);
        }
        return Collections.enumeration(all);
    }
}
