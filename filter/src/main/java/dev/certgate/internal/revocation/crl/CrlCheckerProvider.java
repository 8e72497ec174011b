package dev.certgate.internal.revocation.crl;

import dev.certgate.internal.revocation.CertificateFiles;
import dev.certgate.internal.settings.Keys;
import dev.certgate.revocation.CheckerContext;
import dev.certgate.revocation.RevocationChecker;
import dev.certgate.revocation.RevocationCheckerProvider;
import dev.certgate.revocation.RevocationConfigException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The built-in "crl" checker. Settings under {@code crl.}: {@code sources}, {@code signers},
 * {@code cdp.allowed-hosts}, {@code cdp.max-sources}, {@code connect-timeout},
 * {@code read-timeout}, {@code max-size}, {@code clock-skew}, {@code grace},
 * {@code refresh-interval}, {@code retry.min}, {@code retry.max} (see docs/revocation.md).
 */
public final class CrlCheckerProvider implements RevocationCheckerProvider {

    @Override
    public String name() {
        return "crl";
    }

    @Override
    public RevocationChecker create(CheckerContext context) throws RevocationConfigException {
        CrlSettings settings = CrlSettings.read(context);
        // crl.signers are untrusted candidates: each counts only through a path to a trust anchor.
        List<X509Certificate> candidates = CertificateFiles.readAll(
                settings.signerFiles(), context, Keys.CRL_SIGNERS.relativeTo(CrlSettings.PREFIX));
        CrlSigners signers = new CrlSigners(context.trustAnchors(), candidates);
        AtomicLong generation = new AtomicLong();
        List<CrlSource> sources = new ArrayList<>();
        for (URI location : settings.sources()) {
            if ("file".equalsIgnoreCase(location.getScheme()) && !Files.isRegularFile(Path.of(location))) {
                throw RevocationConfigException.of(
                        context.propertyName(Keys.CRL_SOURCES.relativeTo(CrlSettings.PREFIX)),
                        "no such file: " + location);
            }
            sources.add(new CrlSource(location, settings, signers, context.clock(), generation));
        }
        // First load now, so the first requests find the CRLs; failures are retried in the background.
        for (CrlSource source : sources) {
            source.start(context.scheduler());
        }
        return new CrlChecker(settings, signers, sources, generation, context.scheduler(), context.clock());
    }
}
