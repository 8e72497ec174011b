package dev.certgate.cli;

import dev.certgate.internal.facts.CertificateFacts;
import dev.certgate.internal.facts.ClientCertificate;
import dev.certgate.internal.json.JsonStrings;
import dev.certgate.internal.revocation.RevocationPolicy;
import dev.certgate.internal.revocation.Settings;
import dev.certgate.internal.rules.Field;
import dev.certgate.internal.rules.FieldType;
import dev.certgate.internal.trust.ChainVerifier;
import dev.certgate.internal.trust.TrustAnchors;
import dev.certgate.internal.trust.Verification;
import dev.certgate.revocation.RevocationConfigException;
import java.io.PrintStream;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@code cert}: every {@code cf.tls_client_auth.*} and {@code certgate.tls_client_auth.*} field of a
 * chain, as one JSON object — the answer to "why is this certificate refused?".
 */
final class CertCommand {
    static final String USAGE = "usage: cert [--trust FILE]... [--crl FILE]... [--ocsp-response FILE]..."
            + " [--intermediate FILE]... [--at INSTANT] [--revocation crl|ocsp|crl,ocsp|ocsp,crl|none]"
            + " [--scope chain|leaf] LEAF [CHAIN-CERT...]";

    private CertCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> trust = new ArrayList<>();
        List<String> crls = new ArrayList<>();
        List<String> ocspResponses = new ArrayList<>();
        List<String> intermediateFiles = new ArrayList<>();
        List<String> chainFiles = new ArrayList<>();
        Instant at = null;
        String revocation = null;
        String scope = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--trust" -> trust.add(value(args, ++i, a));
                    case "--crl" -> crls.add(value(args, ++i, a));
                    case "--ocsp-response" -> ocspResponses.add(value(args, ++i, a));
                    case "--intermediate" -> intermediateFiles.add(value(args, ++i, a));
                    case "--at" -> at = Instant.parse(value(args, ++i, a));
                    case "--revocation" -> revocation = value(args, ++i, a);
                    case "--scope" -> scope = value(args, ++i, a);
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        chainFiles.add(a);
                    }
                }
            }
            if (chainFiles.isEmpty()) {
                throw new IllegalArgumentException("no certificate given");
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            err.println(e.getMessage() + "\n" + USAGE);
            return 2;
        }
        Instant now = at != null ? at : Instant.now();
        List<X509Certificate> chain = new ArrayList<>();
        List<X509Certificate> intermediates = new ArrayList<>();
        TrustAnchors anchors;
        try {
            for (String f : chainFiles) {
                chain.addAll(TrustAnchors.readCertificates(f, null));
            }
            for (String f : intermediateFiles) {
                intermediates.addAll(TrustAnchors.readCertificates(f, null));
            }
            anchors = trust.isEmpty() ? TrustAnchors.of(List.of(), "(none)") : TrustAnchors.load(trust, null);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }

        Map<String, String> settings = revocationSettings(revocation, scope, crls, ocspResponses, intermediateFiles);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "certgate-cli");
            t.setDaemon(true);
            return t;
        });
        // Only --trust certificates are trusted; --intermediate ones are candidates that must build a path.
        try (RevocationPolicy policy = RevocationPolicy.create(
                new MapSettings(settings),
                anchors.certificates(),
                scheduler,
                Clock.fixed(now, java.time.ZoneOffset.UTC))) {
            X509Certificate[] presented = chain.toArray(new X509Certificate[0]);
            Verification v = new ChainVerifier(anchors).verify(presented, intermediates, now);
            X509Certificate issuer = v.path().size() > 1 ? v.path().get(1) : null;
            ClientCertificate cert = new ClientCertificate(new CertificateFacts(chain, issuer), v, policy, now);
            out.println(toJson(cert));
            if (policy.enabled() && v.verified()) {
                // Why, in one line: which CRL or OCSP answer decided, or what each one lacked.
                err.println("revocation: " + cert.revocation().status().name().toLowerCase(java.util.Locale.ROOT) + ": "
                        + cert.revocation().detail());
            }
            return 0;
        } catch (RevocationConfigException e) {
            err.println(e.getMessage());
            return 2;
        } finally {
            scheduler.shutdownNow();
        }
    }

    static Map<String, String> revocationSettings(
            String revocation,
            String scope,
            List<String> crls,
            List<String> ocspResponses,
            List<String> intermediates) {
        Map<String, String> s = new HashMap<>();
        String checkers = revocation;
        if (checkers == null) {
            List<String> implied = new ArrayList<>();
            if (!crls.isEmpty()) {
                implied.add("crl");
            }
            if (!ocspResponses.isEmpty()) {
                implied.add("ocsp");
            }
            checkers = implied.isEmpty() ? "none" : String.join(",", implied);
        }
        if (!checkers.equals("none")) {
            s.put("checkers", checkers);
        }
        if (scope != null) {
            s.put("scope", scope);
        }
        if (!crls.isEmpty()) {
            s.put(
                    "crl.sources",
                    String.join(
                            ",", crls.stream().map(CertCommand::fileLocation).toList()));
        } else {
            // `--revocation crl` without --crl: the CRL part answers UNKNOWN, so crl,ocsp falls back to OCSP.
            s.put("crl.sources", "none");
        }
        if (!intermediates.isEmpty()) {
            // Untrusted like the filter's crl.signers: a CRL signer among them counts only through a path to --trust.
            s.put(
                    "crl.signers",
                    String.join(
                            ",",
                            intermediates.stream()
                                    .map(CertCommand::fileLocation)
                                    .toList()));
        }
        if (!ocspResponses.isEmpty()) {
            s.put(
                    "ocsp.responses",
                    String.join(
                            ",",
                            ocspResponses.stream()
                                    .map(CertCommand::fileLocation)
                                    .toList()));
            // Saved responses make this an offline check: never ask a responder.
            s.put("ocsp.fetch", "false");
        }
        return s;
    }

    private static String fileLocation(String path) {
        return path.startsWith("file:") || path.startsWith("classpath:")
                ? path
                : "file:" + java.nio.file.Path.of(path).toAbsolutePath();
    }

    static String toJson(ClientCertificate cert) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Field f : Field.values()) {
            if (!f.certificateField()) {
                continue;
            }
            String name = f.fieldName();
            sb.append(first ? "\n  " : ",\n  ");
            first = false;
            JsonStrings.append(sb, name).append(": ");
            if (f.type() == FieldType.BOOL) {
                sb.append(cert.bool(f));
            } else if (f.type() == FieldType.BYTES_ARRAY) {
                sb.append('[');
                List<String> items = cert.array(f);
                for (int i = 0; i < items.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    JsonStrings.append(sb, items.get(i));
                }
                sb.append(']');
            } else {
                JsonStrings.append(sb, cert.bytes(f));
            }
        }
        return sb.append("\n}").toString();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** Revocation settings given on the command line. */
    private static final class MapSettings implements Settings {
        private final Map<String, String> values;

        MapSettings(Map<String, String> values) {
            this.values = values;
        }

        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(values.get(key));
        }

        @Override
        public String propertyName(String key) {
            return "--revocation (" + key + ")";
        }
    }
}
