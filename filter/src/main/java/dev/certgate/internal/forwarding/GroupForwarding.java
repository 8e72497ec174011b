package dev.certgate.internal.forwarding;

import dev.certgate.internal.facts.RecentValues;
import dev.certgate.internal.facts.RequestFacts;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.cert.X509Certificate;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * One host group's forwarding settings and the per-request decision they make: from a trusted
 * proxy, the certificate in the configured header (or none) and the client address it reports;
 * from any other peer, the TLS chain and the socket address, with the certificate headers hidden
 * or the request refused.
 */
public final class GroupForwarding {
    private static final Logger LOG = System.getLogger("dev.certgate");

    /** What to do with certificate headers from a peer that is not a trusted proxy. */
    public enum Untrusted implements ConfigChoice {
        HIDE,
        BAD_REQUEST,
        BLOCK;
    }

    /** Off: no peer trusted, nothing read, nothing hidden. */
    public static final GroupForwarding OFF = new GroupForwarding(
            TrustedProxies.NONE,
            null,
            null,
            null,
            0,
            Untrusted.HIDE,
            false,
            false,
            ClientAddresses.Source.NONE,
            new ForwardingCounters());

    private final TrustedProxies trusted;
    private final CertificateFormat format;
    private final String header;
    private final String chainHeader;
    private final int maxBytes;
    private final Untrusted untrusted;
    private final boolean tlsFallback;
    private final boolean expose;
    private final ClientAddresses.Source clientAddress;
    private final ForwardingCounters counters;
    private final Set<String> certificateHeaders;
    /** Header text → decoded chain: a keep-alive client behind the proxy sends the same text again and again. */
    private final RecentValues<Decoded> recent;

    /**
     * @param format   null when this group takes no forwarded certificates
     * @param maxBytes the most characters the certificate header(s) may carry together
     */
    public GroupForwarding(
            TrustedProxies trusted,
            CertificateFormat format,
            String header,
            String chainHeader,
            int maxBytes,
            Untrusted untrusted,
            boolean tlsFallback,
            boolean expose,
            ClientAddresses.Source clientAddress,
            ForwardingCounters counters) {
        this.trusted = trusted;
        this.format = format;
        this.header = header;
        this.chainHeader = chainHeader;
        this.maxBytes = maxBytes;
        this.untrusted = untrusted;
        this.tlsFallback = tlsFallback;
        this.expose = expose;
        this.clientAddress = clientAddress;
        this.counters = counters;
        Set<String> names = new LinkedHashSet<>();
        if (header != null) {
            names.add(header.toLowerCase(Locale.ROOT));
        }
        if (chainHeader != null) {
            names.add(chainHeader.toLowerCase(Locale.ROOT));
        }
        this.certificateHeaders = Set.copyOf(names);
        this.recent = new RecentValues<>(64, Math.max(maxBytes, 1) + 2, this::decodeKey);
    }

    public boolean isOff() {
        return trusted.isEmpty();
    }

    public RequestIdentity identify(HttpServletRequest request) {
        if (trusted.isEmpty()) {
            return RequestIdentity.DIRECT;
        }
        if (!trusted.contains(request.getRemoteAddr())) {
            return fromUntrustedPeer(request);
        }
        String address = clientAddress == ClientAddresses.Source.NONE
                ? null
                : ClientAddresses.clientOf(request, clientAddress, trusted);
        if (format == null) {
            return address == null
                    ? RequestIdentity.DIRECT
                    : new RequestIdentity(
                            RequestFacts.CONTAINER_CHAIN, address, RequestIdentity.Refusal.NONE, Set.of(), false);
        }
        X509Certificate[] chain = forwardedChain(request);
        return new RequestIdentity(chain, address, RequestIdentity.Refusal.NONE, Set.of(), expose);
    }

    private RequestIdentity fromUntrustedPeer(HttpServletRequest request) {
        if (format == null || !sent(request)) {
            return RequestIdentity.DIRECT;
        }
        if (untrusted == Untrusted.HIDE) {
            long n = counters.untrustedHidden();
            logRarely(
                    n,
                    () -> "certgate: certificate header " + header + " from " + request.getRemoteAddr()
                            + ", which is not a trusted proxy: hidden from the application (" + n + " so far)");
            return new RequestIdentity(
                    RequestFacts.CONTAINER_CHAIN, null, RequestIdentity.Refusal.NONE, certificateHeaders, false);
        }
        long n = counters.untrustedRefused();
        logRarely(
                n,
                () -> "certgate: certificate header " + header + " from " + request.getRemoteAddr()
                        + ", which is not a trusted proxy: request refused (" + n + " so far)");
        return new RequestIdentity(
                RequestFacts.CONTAINER_CHAIN,
                null,
                untrusted == Untrusted.BAD_REQUEST
                        ? RequestIdentity.Refusal.BAD_REQUEST
                        : RequestIdentity.Refusal.BLOCK,
                certificateHeaders,
                false);
    }

    private boolean sent(HttpServletRequest request) {
        return request.getHeader(header) != null || (chainHeader != null && request.getHeader(chainHeader) != null);
    }

    /** The forwarded chain, or what a trusted proxy sending none (or garbage) means. */
    private X509Certificate[] forwardedChain(HttpServletRequest request) {
        String value = joined(request.getHeaders(header));
        String chainValue = chainHeader == null ? null : joined(request.getHeaders(chainHeader));
        if (value == null || value.isBlank()) {
            // Absent, or empty as some proxies send it for "no certificate".
            counters.absent();
            // The proxy's own TLS certificate (Cloudflare's origin pull, a mesh sidecar) is not the client's.
            return tlsFallback ? RequestFacts.CONTAINER_CHAIN : null;
        }
        long size = (long) value.length() + (chainValue == null ? 0 : chainValue.length());
        if (size > maxBytes) {
            long n = counters.oversized();
            logRarely(
                    n,
                    () -> "certgate: forwarded certificate of " + size + " characters from " + request.getRemoteAddr()
                            + " is over the limit of " + maxBytes + ": refused, the request has no certificate (" + n
                            + " so far)");
            return null;
        }
        // One memo key for both headers; '\n' cannot occur in a header value.
        Decoded decoded = recent.get(chainValue == null ? value : value + "\n" + chainValue);
        if (decoded.chain != null) {
            counters.accepted();
            return decoded.chain;
        }
        if (decoded.error == null) {
            counters.absent();
            return tlsFallback ? RequestFacts.CONTAINER_CHAIN : null;
        }
        long n = counters.malformed();
        logRarely(
                n,
                () -> "certgate: forwarded certificate from " + request.getRemoteAddr() + " in " + header
                        + " is not valid " + format.configName() + ": " + decoded.error
                        + "; the request has no certificate ("
                        + n + " so far)");
        return null;
    }

    private Decoded decodeKey(String key) {
        int nl = key.indexOf('\n');
        String value = nl < 0 ? key : key.substring(0, nl);
        String chainValue = nl < 0 ? null : key.substring(nl + 1);
        try {
            return new Decoded(format.decode(value, chainValue), null);
        } catch (MalformedCertificateHeader e) {
            return new Decoded(null, e.getMessage());
        } catch (RuntimeException e) {
            // A header never throws out of the filter; this one is simply not a certificate.
            return new Decoded(null, e.toString());
        }
    }

    private static String joined(Enumeration<String> lines) {
        if (lines == null || !lines.hasMoreElements()) {
            return null;
        }
        String first = lines.nextElement();
        if (!lines.hasMoreElements()) {
            return first;
        }
        StringBuilder sb = new StringBuilder(first);
        while (lines.hasMoreElements()) {
            sb.append(", ").append(lines.nextElement());
        }
        return sb.toString();
    }

    /** The 1st, 2nd, 4th, 8th… occurrence: visible at once, bounded under a flood. */
    private static void logRarely(long n, java.util.function.Supplier<String> message) {
        if (Long.bitCount(n) == 1) {
            LOG.log(Level.WARNING, message);
        }
    }

    public ForwardingCounters counters() {
        return counters;
    }

    /** One phrase for the start-up log. */
    public String describe() {
        if (trusted.isEmpty()) {
            return "no trusted proxies";
        }
        StringBuilder sb = new StringBuilder("trusted proxies ").append(trusted);
        if (trusted.trustsEveryone()) {
            sb.append(" (EVERY peer: any client can forge the forwarded headers)");
        }
        if (format == null) {
            sb.append(", no forwarded certificates");
        } else {
            sb.append(", client certificate from ")
                    .append(header)
                    .append(chainHeader == null ? "" : " + " + chainHeader)
                    .append(" (")
                    .append(format.configName())
                    .append(", at most ")
                    .append(maxBytes)
                    .append(" characters)")
                    .append(
                            tlsFallback
                                    ? ", the TLS certificate when a trusted proxy forwards none"
                                    : ", none when a trusted proxy forwards none")
                    .append(", from other peers: ")
                    .append(untrusted.configName())
                    .append(expose ? ", verified chain exposed as " + ApplicationRequest.CERTIFICATE_ATTRIBUTE : "");
        }
        if (clientAddress != ClientAddresses.Source.NONE) {
            sb.append(", ip.src from ").append(clientAddress.configName());
        }
        return sb.toString();
    }

    private record Decoded(X509Certificate[] chain, String error) {}
}
