package dev.certgate.ops;

import java.time.Instant;

/**
 * One decision worth recording: a block, a would-block (report-only) or a {@code log} rule's match.
 * Values are as the rules saw them; certificate fields are empty when no certificate was presented.
 *
 * @param time             when it was decided
 * @param kind             {@code block}, {@code would_block} or {@code log}
 * @param host             the normalised host ({@code http.host})
 * @param group            the host group's id ({@code (default)} for hosts in no group)
 * @param rule             the rule's id
 * @param action           the rule's configured action
 * @param reason           {@code no_certificate}, {@code unverified}, {@code revoked} or {@code verified}
 * @param path             the request path (without the query)
 * @param client           the client address ({@code ip.src})
 * @param subject          the certificate's subject DN (RFC 2253)
 * @param issuer           its issuer DN
 * @param serial           its serial number in Cloudflare's format (upper-case hex)
 * @param sha256           its SHA-256 fingerprint (lower-case hex)
 * @param verifyError      why it did not verify, empty when it did
 * @param revocationStatus {@code good}, {@code revoked}, {@code unknown}, or {@code unchecked} when no rule asked
 * @param revocationSource which CRL or OCSP responder answered, empty when none
 */
public record DecisionEvent(
        Instant time,
        String kind,
        String host,
        String group,
        String rule,
        String action,
        String reason,
        String path,
        String client,
        String subject,
        String issuer,
        String serial,
        String sha256,
        String verifyError,
        String revocationStatus,
        String revocationSource) {}
