package dev.certgate.bench.rules;

import java.util.Map;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlContext;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlExpression;
import org.apache.commons.jexl3.MapContext;

/**
 * The benchmark's rules in Apache Commons JEXL. The request's facts are variables of a
 * {@link MapContext} (built once per request, as {@link BenchRequest}'s facts are). Sets of two
 * become {@code ||} chains; the case-insensitive {@code wildcard "/vN/*"} becomes a
 * {@code regionMatches(true, ...)} method call (JEXL's {@code =^} is case-sensitive); CIDRs become
 * integer ranges ({@link PeerRanges}).
 */
final class JexlRules {
    static final String DEFAULT_RULE = "host == 'api.example.com' && !verified";
    static final String REVOKED_RULE = "!verified || revoked";

    static String[] twentyRuleSources() {
        String[] r = new String[20];
        for (int i = 0; i < 4; i++) {
            r[i] = "host == 'admin" + i + ".example.com' && !verified";
            r[4 + i] = "(path == '/admin/" + i + "' || path == '/internal/" + i + "') && !verified";
            r[8 + i] = "method == 'DELETE' && path.regionMatches(true, 0, '/v" + i + "/', 0, 4)";
            r[12 + i] = "(ipV4 >= " + PeerRanges.v4First(i) + "L && ipV4 <= " + PeerRanges.v4Last(i) + "L)"
                    + " || (ipV6Hi >= " + PeerRanges.v6First(i) + "L && ipV6Hi <= " + PeerRanges.v6Last(i) + "L)"
                    + " || revoked"
                    + " || !(verified && issuerSki == '" + SpelRules.SKI + "')";
            r[16 + i] = "subjectDn.contains('OU=Suspended" + i + "')"
                    + " || (headers.containsKey('x-tenant') && headers['x-tenant'].contains('blocked" + i + "'))"
                    + " || sanDns.contains('evil" + i + ".example.com')";
        }
        return r;
    }

    /** Strict (undefined variables and null operands are errors), not silent, cached parse. */
    private final JexlEngine jexl =
            new JexlBuilder().strict(true).silent(false).safe(false).cache(256).create();

    JexlExpression compile(String source) {
        return jexl.createExpression(source);
    }

    JexlExpression[] compile(String[] sources) {
        JexlExpression[] out = new JexlExpression[sources.length];
        for (int i = 0; i < sources.length; i++) {
            out[i] = compile(sources[i]);
        }
        return out;
    }

    static JexlContext context(BenchRequest r) {
        java.util.Map<String, Object> vars = new java.util.HashMap<>(Map.of(
                "host", r.host,
                "path", r.path,
                "method", r.method,
                "verified", r.verified,
                "revoked", r.revoked,
                "issuerSki", r.issuerSki,
                "ipV4", r.getIpV4(),
                "ipV6Hi", r.getIpV6Hi()));
        vars.put("subjectDn", r.subjectDn);
        vars.put("headers", r.headers);
        vars.put("sanDns", r.sanDns);
        return new MapContext(vars);
    }

    static boolean matches(JexlExpression e, JexlContext c) {
        return (Boolean) e.evaluate(c);
    }
}
