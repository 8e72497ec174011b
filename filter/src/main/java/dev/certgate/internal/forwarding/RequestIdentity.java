package dev.certgate.internal.forwarding;

import dev.certgate.internal.facts.RequestFacts;
import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.Set;

/**
 * Who is asking, decided before any rule runs: the client chain to judge (the TLS one, a
 * forwarded one, or none), the client address for {@code ip.src}, and whether the request is
 * refused outright (certificate headers from a peer that is not a trusted proxy, when so configured).
 *
 * @param chain         the chain to judge: {@link RequestFacts#CONTAINER_CHAIN} for the TLS one, a
 *                      forwarded chain, or null for none
 * @param clientAddress the client address as text for {@code ip.src}, or null for the socket peer
 * @param hiddenHeaders the (lower-case) headers the application must not see
 * @param exposeChain   whether the forwarded chain replaces the certificate attribute
 */
public record RequestIdentity(
        X509Certificate[] chain,
        String clientAddress,
        Refusal refusal,
        Set<String> hiddenHeaders,
        boolean exposeChain) {
    /** What a request is without forwarding: the container's chain, the socket peer. */
    public static final RequestIdentity DIRECT =
            new RequestIdentity(RequestFacts.CONTAINER_CHAIN, null, Refusal.NONE, Set.of(), false);

    /** A request refused before the rules. */
    public enum Refusal {
        NONE,
        BAD_REQUEST,
        BLOCK
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
