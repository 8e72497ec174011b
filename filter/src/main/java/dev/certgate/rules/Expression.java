package dev.certgate.rules;

import java.util.Set;

/** Temporary stand-in until the rules branch lands: understands only the mTLS rule. */
public final class Expression {
    private final String source;

    private Expression(String source) {
        this.source = source;
    }

    public static Expression compile(String source, NamedLists lists) throws RuleSyntaxException {
        if (!source.contains("not cf.tls_client_auth.cert_verified")) {
            throw new RuleSyntaxException("unsupported until the rules engine lands");
        }
        return new Expression(source);
    }

    public boolean matches(FieldValues values) {
        return !values.bool(Field.CERT_VERIFIED);
    }

    public Set<Field> fields() {
        return Set.of(Field.HTTP_HOST, Field.CERT_VERIFIED);
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }
}
