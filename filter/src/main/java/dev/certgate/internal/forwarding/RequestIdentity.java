package dev.certgate.internal.forwarding;

import dev.certgate.internal.facts.RequestFacts;
import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.Set;

/**
 * Who is asking, decided before any rule runs: the client chain to judge (the TLS one, a
 * forwarded one, or none), the client address for {@code ip.src}, and whether the request is
 * refused outright (certificate headers from a peer that is not a trusted proxy, when so configured).
 */
public final class RequestIdentity {
    /** What a request is without forwarding: the container's chain, the socket peer. */
    public static final RequestIdentity DIRECT =
            new RequestIdentity(RequestFacts.CONTAINER_CHAIN, null, Refusal.NONE, Set.of(), false);

    /** A request refused before the rules. */
    public enum Refusal {
        NONE,
        BAD_REQUEST,
        BLOCK
    }

    private final X509Certificate[] chain;
    private final String clientAddress;
    private final Refusal refusal;
    private final Set<String> hiddenHeaders;
    private final boolean exposeChain;

    RequestIdentity(
            X509Certificate[] chain,
            String clientAddress,
            Refusal refusal,
            Set<String> hiddenHeaders,
            boolean exposeChain) {
        this.chain = chain;
        this.clientAddress = clientAddress;
        this.refusal = refusal;
        this.hiddenHeaders = hiddenHeaders;
        this.exposeChain = exposeChain;
    }

    /**
     * The chain to judge: {@link RequestFacts#CONTAINER_CHAIN} for the TLS one, a forwarded chain,
     * or null for none.
     */
    public X509Certificate[] chain() {
        return chain;
    }

    /** The client address as text for {@code ip.src}, or null for the socket peer. */
    public String clientAddress() {
        return clientAddress;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** Whether the chain came from a proxy's header rather than the TLS connection. */
    public boolean forwarded() {
        return chain != RequestFacts.CONTAINER_CHAIN;
    }

    /**
     * The request to hand to the application: with the hidden headers gone and, when configured,
     * the certificate attribute replaced by the forwarded chain if it verified (else by none).
     *
     * @param facts the request's facts, asked whether the forwarded chain verified (only when it is
     *              exposed); null after an internal error, when nothing is exposed
     */
    public HttpServletRequest applicationView(HttpServletRequest request, RequestFacts facts) {
        boolean replace = exposeChain && forwarded();
        if (hiddenHeaders.isEmpty() && !replace) {
            return request;
        }
        X509Certificate[] exposed = replace
                        && chain != null
                        && facts != null
                        && facts.clientCertificate().verified()
                ? chain
                : null;
        return new ApplicationRequest(request, hiddenHeaders, replace, exposed);
    }
}
