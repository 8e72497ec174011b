package dev.certgate.internal.revocation;

import dev.certgate.revocation.CheckerContext;
import dev.certgate.revocation.RevocationChecker;
import dev.certgate.revocation.RevocationCheckerProvider;
import dev.certgate.revocation.RevocationConfigException;
import dev.certgate.revocation.RevocationReason;
import dev.certgate.revocation.RevocationStatus;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The plug-in example of docs/revocation.md: a static list of revoked serials (registered in test resources). */
public final class DenyListProvider implements RevocationCheckerProvider {

    @Override
    public String name() {
        return "deny-list";
    }

    @Override
    public RevocationChecker create(CheckerContext context) throws RevocationConfigException {
        String list = context.setting("serials")
                .orElseThrow(() -> RevocationConfigException.of(context.propertyName("serials"), "missing"));
        Set<BigInteger> serials;
        try {
            serials = Stream.of(list.split(","))
                    .map(String::trim)
                    .map(BigInteger::new)
                    .collect(Collectors.toUnmodifiableSet());
        } catch (NumberFormatException e) {
            throw RevocationConfigException.of(
                    context.propertyName("serials"), "expected decimal serial numbers, got '" + list + "'");
        }
        return (certificate, issuer, now) -> serials.contains(certificate.getSerialNumber())
                ? RevocationStatus.revoked(RevocationReason.UNSPECIFIED, Instant.EPOCH, "deny-list")
                : RevocationStatus.good("deny-list");
    }
}
