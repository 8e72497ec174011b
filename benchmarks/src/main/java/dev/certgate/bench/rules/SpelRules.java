package dev.certgate.bench.rules;

import java.util.List;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.SpelCompilerMode;
import org.springframework.expression.spel.SpelParserConfiguration;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * The benchmark's rules in Spring SpEL, compiled to bytecode ({@link SpelCompilerMode#IMMEDIATE}).
 * The root object is the {@link BenchRequest}; its getters are the properties ({@code host},
 * {@code verified}, ...). Sets of two become {@code or} chains; the case-insensitive
 * {@code wildcard "/vN/*"} becomes {@code regionMatches(true, ...)} (a prefix match that folds case);
 * CIDRs become integer ranges ({@link PeerRanges}).
 */
final class SpelRules {
    static final String DEFAULT_RULE = "host == 'api.example.com' and !verified";
    static final String REVOKED_RULE = "!verified or revoked";
    static final String SKI = "A5AC554235DBA6D963B9CDE0185CFAD6E3F55E8F";

    static String[] twentyRuleSources() {
        String[] r = new String[20];
        for (int i = 0; i < 4; i++) {
            r[i] = "host == 'admin" + i + ".example.com' and !verified";
            r[4 + i] = "(path == '/admin/" + i + "' or path == '/internal/" + i + "') and !verified";
            r[8 + i] = "method == 'DELETE' and path.regionMatches(true, 0, '/v" + i + "/', 0, 4)";
            r[12 + i] = "(ipV4 >= " + PeerRanges.v4First(i) + "L and ipV4 <= " + PeerRanges.v4Last(i) + "L)"
                    + " or (ipV6Hi >= " + PeerRanges.v6First(i) + "L and ipV6Hi <= " + PeerRanges.v6Last(i) + "L)"
                    + " or revoked"
                    + " or !(verified and issuerSki == '" + SKI + "')";
            // helper methods of the root object: SpEL compiles calls on a public class only
            r[16 + i] = "subjectDn.contains('OU=Suspended" + i + "') or hasHeader('x-tenant', 'blocked" + i + "')"
                    + " or hasSanDns('evil" + i + ".example.com')";
        }
        return r;
    }

    private final SpelExpressionParser parser = new SpelExpressionParser(
            new SpelParserConfiguration(SpelCompilerMode.IMMEDIATE, SpelRules.class.getClassLoader()));

    /**
     * Parses, evaluates on the samples and checks that the expression really runs as bytecode now.
     * SpEL compiles a node only once an interpreted evaluation has reached it and seen its type, so
     * behind a short-circuit ({@code host == 'x' and !verified}) the samples must drive every
     * branch; with only the benchmark request, most of the twenty rules stay interpreted.
     */
    Expression compile(String source, List<BenchRequest> samples) {
        SpelExpression e = (SpelExpression) parser.parseExpression(source);
        for (BenchRequest sample : samples) {
            e.getValue(sample);
        }
        if (!e.compileExpression()) {
            throw new IllegalStateException("SpEL did not compile: " + source);
        }
        return e;
    }

    Expression[] compile(String[] sources, List<BenchRequest> samples) {
        Expression[] out = new Expression[sources.length];
        for (int i = 0; i < sources.length; i++) {
            out[i] = compile(sources[i], samples);
        }
        return out;
    }

    static boolean matches(Expression e, BenchRequest r) {
        return (Boolean) e.getValue(r);
    }
}
