package dev.certgate.internal.revocation.ocsp;

import static dev.certgate.internal.settings.Keys.OCSP_CACHE_FAILURE_TTL;
import static dev.certgate.internal.settings.Keys.OCSP_CACHE_MAX_ENTRIES;
import static dev.certgate.internal.settings.Keys.OCSP_CLOCK_SKEW;
import static dev.certgate.internal.settings.Keys.OCSP_CONNECT_TIMEOUT;
import static dev.certgate.internal.settings.Keys.OCSP_DELEGATE_WITHOUT_NOCHECK;
import static dev.certgate.internal.settings.Keys.OCSP_FETCH;
import static dev.certgate.internal.settings.Keys.OCSP_MAX_AGE;
import static dev.certgate.internal.settings.Keys.OCSP_MAX_RESPONSE_SIZE;
import static dev.certgate.internal.settings.Keys.OCSP_NONCE;
import static dev.certgate.internal.settings.Keys.OCSP_READ_TIMEOUT;
import static dev.certgate.internal.settings.Keys.OCSP_REFRESH_AHEAD;
import static dev.certgate.internal.settings.Keys.OCSP_RESPONDER;
import static dev.certgate.internal.settings.Keys.OCSP_RESPONDER_OVERRIDE;
import static dev.certgate.internal.settings.Keys.OCSP_RESPONSES;
import static dev.certgate.internal.settings.Keys.OCSP_TRUSTED_RESPONDERS;

import dev.certgate.internal.settings.Keys;
import dev.certgate.internal.settings.SettingReader;
import dev.certgate.revocation.CheckerContext;
import dev.certgate.revocation.RevocationConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The OCSP checker's settings (keys relative to {@code <revocation prefix>ocsp.}), validated. */
record OcspSettings(
        URI responder,
        boolean responderOverride,
        List<URI> trustedResponderFiles,
        List<URI> responseFiles,
        boolean fetch,
        Nonce nonce,
        Duration connectTimeout,
        Duration readTimeout,
        long maxResponseSize,
        Duration clockSkew,
        Duration maxAge,
        int cacheMaxEntries,
        Duration failureTtl,
        Duration refreshAhead,
        boolean requireNoCheck) {

    static final String PREFIX = Keys.REVOCATION_PREFIX + "ocsp.";

    enum Nonce {
        OFF,
        SEND,
        REQUIRE
    }

    static OcspSettings read(CheckerContext context) throws RevocationConfigException {
        SettingReader<RevocationConfigException> r =
                new SettingReader<>(PREFIX, context::setting, context::propertyName, RevocationConfigException::of);
        Optional<String> responderText = r.string(OCSP_RESPONDER);
        URI responder = null;
        if (responderText.isPresent()) {
            responder = r.uri(OCSP_RESPONDER, responderText.get(), "http", "https");
        }
        boolean override = r.bool(OCSP_RESPONDER_OVERRIDE);
        if (override && responder == null) {
            throw r.invalid(OCSP_RESPONDER_OVERRIDE, "needs " + r.propertyName(OCSP_RESPONDER));
        }
        List<URI> trusted = r.uris(OCSP_TRUSTED_RESPONDERS, "file");
        List<URI> responses = r.uris(OCSP_RESPONSES, "file");
        Nonce nonce = Nonce.valueOf(r.choice(OCSP_NONCE).toUpperCase(Locale.ROOT));
        return new OcspSettings(
                responder,
                override,
                trusted,
                responses,
                r.bool(OCSP_FETCH),
                nonce,
                r.duration(OCSP_CONNECT_TIMEOUT),
                r.duration(OCSP_READ_TIMEOUT),
                r.size(OCSP_MAX_RESPONSE_SIZE),
                r.duration(OCSP_CLOCK_SKEW),
                r.duration(OCSP_MAX_AGE),
                r.positiveInt(OCSP_CACHE_MAX_ENTRIES),
                r.duration(OCSP_CACHE_FAILURE_TTL),
                r.duration(OCSP_REFRESH_AHEAD),
                r.choice(OCSP_DELEGATE_WITHOUT_NOCHECK).equals("refuse"));
    }
}
