package dev.certgate.internal.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.internal.rules.Expression;
import dev.certgate.internal.rules.NamedLists;
import dev.certgate.internal.rules.RuleSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not cf.tls_client_auth.cert_verified",
                "cf.tls_client_auth.cert_subject_dn contains \"OU=x\" and cf.tls_client_auth.cert_presented",
                "any(starts_with(certgate.tls_client_auth.san.uri[*], \"spiffe://a/\"))",
                "cf.tls_client_auth.cert_serial in {\"01\"} or certgate.tls_client_auth.verify_error ne \"\"",
            })
    void certificateOnlyExpressionsAreRemembered(String source) throws RuleSyntaxException {
        assertTrue(
                RuleResults.chainConstant(
                        Expression.compile(source, NamedLists.EMPTY).fields()),
                source);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // revocation follows CRL and OCSP updates; anything of the request varies per request
                "not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked",
                "certgate.tls_client_auth.revocation_status eq \"good\"",
                "cf.tls_client_auth.cert_verified and http.host eq \"a\"",
                "not cf.tls_client_auth.cert_verified and ip.src in {10.0.0.0/8}",
                "true",
            })
    void expressionsThatDependOnMoreAreNot(String source) throws RuleSyntaxException {
        assertFalse(
                RuleResults.chainConstant(
                        Expression.compile(source, NamedLists.EMPTY).fields()),
                source);
    }
}
