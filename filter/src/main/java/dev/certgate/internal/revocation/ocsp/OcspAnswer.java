package dev.certgate.internal.revocation.ocsp;

import dev.certgate.revocation.RevocationStatus;
import java.time.Instant;

/** A verified OCSP answer (GOOD or REVOKED) and until when it may be used. */
record OcspAnswer(RevocationStatus status, Instant validUntil) {}
