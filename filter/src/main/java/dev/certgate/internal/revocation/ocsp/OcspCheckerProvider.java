package dev.certgate.internal.revocation.ocsp;

import dev.certgate.internal.revocation.CertificateFiles;
import dev.certgate.internal.revocation.HttpFetch;
import dev.certgate.internal.settings.Keys;
import dev.certgate.revocation.CheckerContext;
import dev.certgate.revocation.RevocationChecker;
import dev.certgate.revocation.RevocationCheckerProvider;
import dev.certgate.revocation.RevocationConfigException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in "ocsp" checker. Settings under {@code ocsp.}: {@code responder},
 * {@code responder-override}, {@code trusted-responders}, {@code responses}, {@code fetch},
 * {@code nonce}, {@code connect-timeout}, {@code read-timeout}, {@code max-response-size},
 * {@code clock-skew}, {@code max-age}, {@code cache.max-entries}, {@code cache.failure-ttl},
 * {@code refresh-ahead} (see docs/revocation.md).
 */
public final class OcspCheckerProvider implements RevocationCheckerProvider {

    @Override
    public String name() {
        return "ocsp";
    }

    @Override
    public RevocationChecker create(CheckerContext context) throws RevocationConfigException {
        OcspSettings settings = OcspSettings.read(context);
        List<X509Certificate> trusted = CertificateFiles.readAll(
                settings.trustedResponderFiles(),
                context,
                Keys.OCSP_TRUSTED_RESPONDERS.relativeTo(OcspSettings.PREFIX));
        List<OcspFetcher.StoredResponse> stored = new ArrayList<>();
        for (URI file : settings.responseFiles()) {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                stored.add(new OcspFetcher.StoredResponse(
                        file.toString(), HttpFetch.readAtMost(in, settings.maxResponseSize(), file.toString())));
            } catch (Exception e) {
                throw RevocationConfigException.of(
                        context.propertyName(Keys.OCSP_RESPONSES.relativeTo(OcspSettings.PREFIX)),
                        "cannot read " + file + ": " + e.getMessage());
            }
        }
        OcspResponseVerifier verifier =
                new OcspResponseVerifier(trusted, settings.clockSkew(), settings.maxAge(), settings.requireNoCheck());
        return new OcspChecker(
                settings, new OcspFetcher(settings, verifier, stored), context.scheduler(), context.clock());
    }
}
