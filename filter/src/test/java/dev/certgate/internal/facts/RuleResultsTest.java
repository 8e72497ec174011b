package dev.certgate.internal.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.certgate.internal.rules.Expression;
import dev.certgate.internal.rules.NamedLists;
import dev.certgate.internal.rules.RuleSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleResultsTest {

    @Test
    void remembersTrueAndFalseSeparatelyPerSlot() {
        RuleResults r = new RuleResults();
        assertEquals(-1, r.get(0));
        r.put(0, true);
        r.put(1, false);
        r.put(RuleResults.CAPACITY - 1, true);
        assertEquals(1, r.get(0));
        assertEquals(0, r.get(1));
        assertEquals(-1, r.get(2));
        assertEquals(1, r.get(RuleResults.CAPACITY - 1));
    }

    /** Only results of expressions that read nothing but the chain may be remembered per chain. */
    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            not cf.tls_client_auth.cert_verified | true
            cf.tls_client_auth.cert_subject_dn contains "OU=x" and cf.tls_client_auth.cert_presented | true
            any(starts_with(certgate.tls_client_auth.san.uri[*], "spiffe://a/")) | true
            cf.tls_client_auth.cert_serial in {"01"} or certgate.tls_client_auth.verify_error ne "" | true
            # revocation follows CRL and OCSP updates; anything of the request varies per request
            not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked | false
            certgate.tls_client_auth.revocation_status eq "good" | false
            cf.tls_client_auth.cert_verified and http.host eq "a" | false
            not cf.tls_client_auth.cert_verified and ip.src in {10.0.0.0/8} | false
            true | false
            """)
    void certificateOnlyExpressionsAreRemembered(String source, boolean remembered) throws RuleSyntaxException {
        assertEquals(
                remembered,
                RuleResults.chainConstant(
                        Expression.compile(source, NamedLists.EMPTY).fields()),
                source);
    }
}
