package dev.certgate.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * and/or run as one flat node that tests common operands inline; the trace runs the connective
 * node itself. Both must agree on every operand kind, alone and combined, true and false.
 */
class FlatEvaluationTest {
    private static final List<String> ATOMS = List.of(
            "http.host eq \"a.example\"",
            "http.host in {\"a.example\" \"b.example\"}",
            "ssl",
            "not ssl",
            "ip.src in {10.0.0.0/8}",
            "cf.tls_client_auth.cert_subject_dn contains \"OU=Ops\"",
            "any(certgate.tls_client_auth.san.dns[*] eq \"x.example\")",
            "any(http.request.headers[\"x-tenant\"][*] eq \"t1\")",
            "any(http.request.headers[\"absent\"][*] eq \"t1\")",
            "all(certgate.tls_client_auth.san.dns[*] eq \"x.example\")",
            "len(http.host) gt 3",
            "http.host ne \"a.example\"");

    private static final List<FieldMap> REQUESTS = List.of(
            FieldMap.of(
                    "http.host",
                    "a.example",
                    "ssl",
                    true,
                    "ip.src",
                    "10.1.2.3",
                    "cf.tls_client_auth.cert_subject_dn",
                    "CN=x,OU=Ops",
                    "certgate.tls_client_auth.san.dns",
                    List.of("x.example"),
                    "http.request.headers",
                    Map.of("x-tenant", List.of("t0", "t1"))),
            FieldMap.of(
                    "http.host",
                    "b.example",
                    "ssl",
                    false,
                    "ip.src",
                    "2001:db8::1",
                    "cf.tls_client_auth.cert_subject_dn",
                    "CN=x",
                    "certgate.tls_client_auth.san.dns",
                    List.of("y.example", "x.example"),
                    "http.request.headers",
                    Map.of("x-tenant", List.of("t0"))),
            FieldMap.of("http.host", "zz", "ip.src", "192.0.2.1"));

    @Test
    void flatAndOrAgreeWithTheirTrace() throws RuleSyntaxException {
        int checked = 0;
        for (String a : ATOMS) {
            for (String b : ATOMS) {
                for (String op : List.of(" and ", " or ")) {
                    for (String third : List.of("", op + "not ssl", op + "ssl")) {
                        Expression e = Expression.compile(a + op + b + third, NamedLists.EMPTY);
                        for (FieldMap v : REQUESTS) {
                            assertEquals(e.trace(v).result(), e.matches(v), e + " on " + v);
                            checked++;
                        }
                    }
                }
            }
        }
        assertEquals(ATOMS.size() * ATOMS.size() * 2 * 3 * REQUESTS.size(), checked);
    }
}
