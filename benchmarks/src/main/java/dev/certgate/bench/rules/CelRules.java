package dev.certgate.bench.rules;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmark's rules in CEL-Java: compiled (parsed and type-checked against the declared
 * variables below) once, evaluated with an activation map built once per request (as
 * {@link BenchRequest}'s facts are). Sets are list literals with {@code in}; the case-insensitive
 * {@code wildcard "/vN/*"} becomes {@code path.lowerAscii().startsWith("/vN/")} (strings extension;
 * ASCII-only folding, as Cloudflare's {@code wildcard}); CIDRs become integer ranges
 * ({@link PeerRanges}).
 */
final class CelRules {
    static final String DEFAULT_RULE = "host == 'api.example.com' && !verified";
    static final String REVOKED_RULE = "!verified || revoked";

    static String[] twentyRuleSources() {
        String[] r = new String[20];
        for (int i = 0; i < 4; i++) {
            r[i] = "host == 'admin" + i + ".example.com' && !verified";
            r[4 + i] = "path in ['/admin/" + i + "', '/internal/" + i + "'] && !verified";
            r[8 + i] = "method == 'DELETE' && path.lowerAscii().startsWith('/v" + i + "/')";
            r[12 + i] = "(ipV4 >= " + PeerRanges.v4First(i) + " && ipV4 <= " + PeerRanges.v4Last(i) + ")"
                    + " || (ipV6Hi >= " + PeerRanges.v6First(i) + " && ipV6Hi <= " + PeerRanges.v6Last(i) + ")"
                    + " || revoked"
                    + " || !(verified && issuerSki == '" + SpelRules.SKI + "')";
            r[16 + i] = "subjectDn.contains('OU=Suspended" + i + "')"
                    + " || ('x-tenant' in headers && 'blocked" + i + "' in headers['x-tenant'])"
                    + " || 'evil" + i + ".example.com' in sanDns";
        }
        return r;
    }

    private final Cel cel = CelFactory.standardCelBuilder()
            .addVar("host", SimpleType.STRING)
            .addVar("path", SimpleType.STRING)
            .addVar("method", SimpleType.STRING)
            .addVar("verified", SimpleType.BOOL)
            .addVar("revoked", SimpleType.BOOL)
            .addVar("issuerSki", SimpleType.STRING)
            .addVar("ipV4", SimpleType.INT)
            .addVar("ipV6Hi", SimpleType.INT)
            .addVar("subjectDn", SimpleType.STRING)
            .addVar(
                    "headers",
                    dev.cel.common.types.MapType.create(
                            SimpleType.STRING, dev.cel.common.types.ListType.create(SimpleType.STRING)))
            .addVar("sanDns", dev.cel.common.types.ListType.create(SimpleType.STRING))
            .setResultType(SimpleType.BOOL)
            .addCompilerLibraries(CelExtensions.strings())
            .addRuntimeLibraries(CelExtensions.strings())
            .build();

    CelRuntime.Program compile(String source) {
        try {
            CelAbstractSyntaxTree ast = cel.compile(source).getAst();
            return cel.createProgram(ast);
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalStateException("CEL did not compile: " + source, e);
        }
    }

    CelRuntime.Program[] compile(String[] sources) {
        CelRuntime.Program[] out = new CelRuntime.Program[sources.length];
        for (int i = 0; i < sources.length; i++) {
            out[i] = compile(sources[i]);
        }
        return out;
    }

    static Map<String, Object> activation(BenchRequest r) {
        Map<String, Object> a = new HashMap<>();
        a.put("host", r.host);
        a.put("path", r.path);
        a.put("method", r.method);
        a.put("verified", r.verified);
        a.put("revoked", r.revoked);
        a.put("issuerSki", r.issuerSki);
        a.put("ipV4", r.getIpV4());
        a.put("ipV6Hi", r.getIpV6Hi());
        a.put("subjectDn", r.subjectDn);
        a.put("headers", r.headers);
        a.put("sanDns", r.sanDns);
        return a;
    }

    /**
     * The same facts behind a {@link CelVariableResolver}: {@code eval(Map)} copies the map into an
     * immutable activation on every call ({@code Activation.copyOf}), a resolver does not. The
     * Optionals are made once, as the map is.
     */
    static CelVariableResolver resolver(BenchRequest r) {
        Map<String, Optional<Object>> found = new HashMap<>();
        activation(r).forEach((k, v) -> found.put(k, Optional.of(v)));
        return name -> found.getOrDefault(name, Optional.empty());
    }

    static boolean matches(CelRuntime.Program p, CelVariableResolver resolver) {
        try {
            return (Boolean) p.eval(resolver);
        } catch (CelEvaluationException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean matches(CelRuntime.Program p, Map<String, Object> activation) {
        try {
            return (Boolean) p.eval(activation);
        } catch (CelEvaluationException e) {
            throw new IllegalStateException(e);
        }
    }
}
