/**
 * Who is asking, when a TLS-terminating proxy stands in front of the application: which peers
 * are trusted proxies ({@link dev.certgate.internal.forwarding.TrustedProxies}), the client certificate
 * they forward in one explicitly configured format (RFC 9440, Envoy XFCC, escaped PEM, Traefik),
 * the client address ({@code X-Forwarded-For}, {@code Forwarded}) and host they report. A
 * forwarded certificate is only material: it is verified exactly like a TLS one. Nothing here is
 * on unless configured; from a peer that is not a trusted proxy the certificate headers are
 * hidden from the application or the request is refused.
 */
package dev.certgate.internal.forwarding;
