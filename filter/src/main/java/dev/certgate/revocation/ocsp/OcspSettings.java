package dev.certgate.revocation.ocsp;

import dev.certgate.revocation.CheckerContext;
import dev.certgate.revocation.RevocationConfigException;
import dev.certgate.revocation.internal.SettingReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The OCSP checker's settings (keys relative to {@code <revocation prefix>ocsp.}), validated. */
record OcspSettings(URI responder, boolean responderOverride, List<URI> trustedResponderFiles, List<URI> responseFiles,
                    boolean fetch, Nonce nonce, Duration connectTimeout, Duration readTimeout, long maxResponseSize,
                    Duration clockSkew, Duration maxAge, int cacheMaxEntries, Duration failureTtl, Duration refreshAhead,
                    boolean requireNoCheck) {

    enum Nonce { OFF, SEND, REQUIRE }

    static OcspSettings read(CheckerContext context) throws RevocationConfigException {
        SettingReader r = SettingReader.of(context);
        URI responder = null;
        if (r.string("responder").isPresent()) {
            responder = r.uri("responder", r.string("responder").get(), "http", "https");
        }
        boolean override = r.bool("responder-override", false);
        if (override && responder == null) {
            throw r.invalid("responder-override", "needs " + r.propertyName("responder"));
        }
        List<URI> trusted = new ArrayList<>();
        for (String text : r.list("trusted-responders")) {
            trusted.add(r.uri("trusted-responders", text, "file"));
        }
        List<URI> responses = new ArrayList<>();
        for (String text : r.list("responses")) {
            responses.add(r.uri("responses", text, "file"));
        }
        Nonce nonce = Nonce.valueOf(r.choice("nonce", "off", "off", "send", "require").toUpperCase(java.util.Locale.ROOT));
        return new OcspSettings(responder, override, List.copyOf(trusted), List.copyOf(responses),
                r.bool("fetch", true), nonce,
                r.duration("connect-timeout", Duration.ofSeconds(3)),
                r.duration("read-timeout", Duration.ofSeconds(5)),
                r.size("max-response-size", 64 * 1024),
                r.duration("clock-skew", Duration.ofMinutes(5)),
                r.duration("max-age", Duration.ofHours(1)),
                r.positiveInt("cache.max-entries", 10_000),
                r.duration("cache.failure-ttl", Duration.ofSeconds(30)),
                r.duration("refresh-ahead", Duration.ofMinutes(5)),
                r.choice("delegate-without-nocheck", "accept", "accept", "refuse").equals("refuse"));
    }
}
