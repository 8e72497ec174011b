package dev.certgate.internal.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.certgate.internal.rules.Expression;
import dev.certgate.internal.rules.Field;
import dev.certgate.internal.rules.NamedLists;
import dev.certgate.internal.rules.RuleSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleResultsTest {

    @Test
    void remembersTrueAndFalseSeparatelyPerTestAndList() {
        RuleResults r = new RuleResults();
        long last = 1L << (RuleResults.CAPACITY - 1);
        assertEquals(0, r.known(0));
        r.learn(0, 0b01, 0b01); // test 0 true
        r.learn(0, 0b10, 0); // test 1 false
        r.learn(0, last, last);
        r.learn(1, 0b100, 0b111); // list 1: only test 2 is learnt, its truth bits outside are dropped
        assertEquals(0b11 | last, r.known(0));
        assertEquals(0b01 | last, r.truths(0));
        assertEquals(0b100, r.known(1));
        assertEquals(0b100, r.truths(1));
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
                Field.chainConstant(Expression.compile(source, NamedLists.EMPTY).fields()),
                source);
    }
}
