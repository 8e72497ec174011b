package dev.certgate.bench.load;

import java.nio.file.Path;

/** The certgate configurations of the load run, as the filter's init-params (properties text). */
final class Configs {
    private Configs() {}

    /** B: the default mTLS rule for the host, trust = the client root. */
    static String b(Path dir) {
        return """
                certgate.hosts=api
                certgate.host.api.names=localhost
                certgate.host.api.trust=file:%s
                """.formatted(dir.resolve("ca.pem"));
    }

    /**
     * C: 20 rules on the host (the revocation variant of the mTLS rule first, then paths, methods,
     * DNs, SANs, an IP list, a named list, headers, query) that a valid client passes, so every rule
     * is evaluated on the allow path; revocation by {@code checkers} (default {@code ocsp,crl}: the first
     * definitive answer wins, so every request reads the warm OCSP cache and the 100,000-entry CRL,
     * refreshed over HTTP during the run, answers when OCSP cannot; the responder fails mid-run). The leaf is checked
     * (scope=leaf): the root publishes no CRL for the issuing CA in this PKI.
     */
    static String c(Path dir, String crlUrl, String ocspUrl, String crlRefresh, String checkers) {
        return """
                certgate.hosts=api
                certgate.host.api.names=localhost
                certgate.host.api.trust=file:%s
                certgate.host.api.mtls=false
                certgate.lists=blocked_nets
                certgate.list.blocked_nets=192.0.2.0/24,198.51.100.7,203.0.113.0/24,2001:db8::/32
                certgate.host.api.rules=mtls,admin,internal,writes,trace,dn-ou,issuer,san-dns,san-uri,ip-list,\\
                  named-list,dots,host,agent,serial,fingerprint,debug,keys,private,presented
                certgate.host.api.rule.mtls.expression=not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked
                certgate.host.api.rule.mtls.action=block
                certgate.host.api.rule.admin.expression=http.request.uri.path eq "/admin"
                certgate.host.api.rule.admin.action=block
                certgate.host.api.rule.internal.expression=starts_with(http.request.uri.path, "/internal/")
                certgate.host.api.rule.internal.action=block
                certgate.host.api.rule.writes.expression=http.request.method in {"DELETE" "PUT" "PATCH"} and not starts_with(http.request.uri.path, "/api/orders/")
                certgate.host.api.rule.writes.action=block
                certgate.host.api.rule.trace.expression=http.request.method eq "TRACE"
                certgate.host.api.rule.trace.action=block
                certgate.host.api.rule.dn-ou.expression=cf.tls_client_auth.cert_subject_dn contains "OU=Suspended"
                certgate.host.api.rule.dn-ou.action=block
                certgate.host.api.rule.issuer.expression=not cf.tls_client_auth.cert_issuer_dn contains "certgate load issuing CA"
                certgate.host.api.rule.issuer.action=block
                certgate.host.api.rule.san-dns.expression=any(certgate.tls_client_auth.san.dns[*] eq "evil.clients.example")
                certgate.host.api.rule.san-dns.action=block
                certgate.host.api.rule.san-uri.expression=any(starts_with(certgate.tls_client_auth.san.uri[*], "spiffe://attacker/"))
                certgate.host.api.rule.san-uri.action=block
                certgate.host.api.rule.ip-list.expression=ip.src in {10.66.0.0/16 172.31.255.0/24 192.168.99.1}
                certgate.host.api.rule.ip-list.action=block
                certgate.host.api.rule.named-list.expression=ip.src in $blocked_nets
                certgate.host.api.rule.named-list.action=block
                certgate.host.api.rule.dots.expression=http.request.uri.path contains "/../"
                certgate.host.api.rule.dots.action=block
                certgate.host.api.rule.host.expression=http.host ne "localhost"
                certgate.host.api.rule.host.action=block
                certgate.host.api.rule.agent.expression=http.user_agent eq ""
                certgate.host.api.rule.agent.action=block
                certgate.host.api.rule.serial.expression=cf.tls_client_auth.cert_serial in {"DEADBEEF" "0BADC0DE"}
                certgate.host.api.rule.serial.action=block
                certgate.host.api.rule.fingerprint.expression=cf.tls_client_auth.cert_fingerprint_sha256 eq "0000000000000000000000000000000000000000000000000000000000000000"
                certgate.host.api.rule.fingerprint.action=block
                certgate.host.api.rule.debug.expression=http.request.uri.query contains "debug=1"
                certgate.host.api.rule.debug.action=block
                certgate.host.api.rule.keys.expression=http.request.method eq "POST" and http.request.uri.path eq "/api/admin/keys"
                certgate.host.api.rule.keys.action=block
                certgate.host.api.rule.private.expression=starts_with(lower(http.request.uri.path), "/private")
                certgate.host.api.rule.private.action=block
                certgate.host.api.rule.presented.expression=not cf.tls_client_auth.cert_presented
                certgate.host.api.rule.presented.action=block
                certgate.host.api.revocation.checkers=%s
                certgate.host.api.revocation.scope=leaf
                certgate.host.api.revocation.crl.sources=%s
                certgate.host.api.revocation.crl.signers=file:%s
                certgate.host.api.revocation.crl.refresh-interval=%s
                certgate.host.api.revocation.ocsp.responder=%s
                certgate.host.api.revocation.ocsp.responder-override=true
                """.formatted(dir.resolve("ca.pem"), checkers, crlUrl, dir.resolve("issuing.pem"), crlRefresh, ocspUrl);
    }
}
