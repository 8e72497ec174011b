package dev.certgate.bench.rules;

import dev.certgate.internal.rules.Field;
import dev.certgate.internal.rules.FieldValues;
import dev.certgate.internal.rules.IpAddress;
import java.util.List;
import java.util.Map;

/**
 * A request whose facts are already computed, as the filter's lazy facts are after first use.
 * Public, with public getters, so that the peer engines (SpEL's compiler in particular, which only
 * compiles public accessors) read the same object certgate and the hand-written rules read.
 */
public final class BenchRequest implements FieldValues {
    final String host;
    final String path;
    final String method;
    final IpAddress ip;
    final boolean verified;
    final boolean revoked;
    final String issuerSki;
    final String subjectDn;
    /** Header map as the filter builds it: lower-case names, values in order. */
    final Map<String, List<String>> headers;

    final List<String> sanDns;

    static final String SUBJECT = "CN=client 42,OU=Engineering,O=Example Corp,L=Austin,ST=Texas,C=US";
    static final Map<String, List<String>> HEADERS =
            Map.of("accept", List.of("*/*"), "user-agent", List.of("curl/8.5.0"), "x-tenant", List.of("acme"));
    static final List<String> SANS = List.of("client42.example.com", "api.example.com");
    /** The IPv4 address as an int, or -1: what a hand-written check would keep. */
    final int ipV4;
    /**
     * For the peers, which have no IP type: the IPv4 address as an unsigned 32-bit value, or -1 for
     * an IPv6 address; and the first 64 bits of an IPv6 address, or -1 for an IPv4 address.
     */
    final long ipV4Unsigned;

    final long ipV6Hi;

    BenchRequest(
            String host, String path, String method, String ip, boolean verified, boolean revoked, String issuerSki) {
        this(host, path, method, ip, verified, revoked, issuerSki, SUBJECT, HEADERS, SANS);
    }

    BenchRequest(
            String host,
            String path,
            String method,
            String ip,
            boolean verified,
            boolean revoked,
            String issuerSki,
            String subjectDn,
            Map<String, List<String>> headers,
            List<String> sanDns) {
        this.subjectDn = subjectDn;
        this.headers = headers;
        this.sanDns = sanDns;
        this.host = host;
        this.path = path;
        this.method = method;
        this.ip = IpAddress.parse(ip);
        this.verified = verified;
        this.revoked = revoked;
        this.issuerSki = issuerSki;
        byte[] o = this.ip.octets();
        this.ipV4 = o.length == 4 ? (o[0] & 0xFF) << 24 | (o[1] & 0xFF) << 16 | (o[2] & 0xFF) << 8 | (o[3] & 0xFF) : -1;
        this.ipV4Unsigned = o.length == 4 ? ipV4 & 0xFFFF_FFFFL : -1;
        long hi = 0;
        if (o.length == 16) {
            for (int i = 0; i < 8; i++) {
                hi = hi << 8 | (o[i] & 0xFF);
            }
        } else {
            hi = -1;
        }
        this.ipV6Hi = hi;
    }

    public String getHost() {
        return host;
    }

    public String getPath() {
        return path;
    }

    public String getMethod() {
        return method;
    }

    public boolean isVerified() {
        return verified;
    }

    public boolean isRevoked() {
        return revoked;
    }

    public String getIssuerSki() {
        return issuerSki;
    }

    public String getSubjectDn() {
        return subjectDn;
    }

    /** For SpEL, which compiles calls on public classes only: any value of the header equals this one. */
    public boolean hasHeader(String name, String value) {
        List<String> values = headers.get(name);
        return values != null && values.contains(value);
    }

    public boolean hasSanDns(String value) {
        return sanDns.contains(value);
    }

    public long getIpV4() {
        return ipV4Unsigned;
    }

    public long getIpV6Hi() {
        return ipV6Hi;
    }

    @Override
    public String toString() {
        return host + " " + method + " " + path + " from " + ip + (verified ? " verified" : " unverified")
                + (revoked ? " revoked" : "") + " issuer " + issuerSki;
    }

    @Override
    public boolean bool(Field field) {
        switch (field) {
            case CERT_VERIFIED:
                return verified;
            case CERT_PRESENTED:
                return verified;
            case CERT_REVOKED:
                return revoked;
            case SSL:
                return true;
            default:
                return false;
        }
    }

    @Override
    public long integer(Field field) {
        return 0;
    }

    @Override
    public String bytes(Field field) {
        switch (field) {
            case HTTP_HOST:
                return host;
            case HTTP_REQUEST_URI_PATH:
                return path;
            case HTTP_REQUEST_METHOD:
                return method;
            case CERT_ISSUER_SKI:
                return issuerSki;
            case CERT_SUBJECT_DN:
                return subjectDn;
            default:
                return "";
        }
    }

    @Override
    public IpAddress ip(Field field) {
        return ip;
    }

    @Override
    public List<String> array(Field field) {
        return field == Field.CERTGATE_SAN_DNS ? sanDns : List.of();
    }

    @Override
    public Map<String, List<String>> map(Field field) {
        return field == Field.HTTP_REQUEST_HEADERS ? headers : Map.of();
    }
}
