package dev.certgate.bench.rules;

import dev.certgate.internal.facts.RuleResults;
import dev.certgate.internal.rules.Field;
import dev.certgate.internal.rules.FieldValues;
import dev.certgate.internal.rules.IpAddress;
import java.util.List;
import java.util.Map;

/**
 * A request whose facts are already computed, as the filter's lazy facts are after first use, and
 * read by certgate the way the filter's {@code RequestFacts} reads them: request fields as boxed
 * values from an {@code Object[]} by slot, certificate fields from a per-chain object through one
 * binding per field. Strings are fresh copies, as a servlet request yields them. Public, with public getters, so that the peer engines (SpEL's compiler in particular, which only
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
        // Fresh copies: a request's strings are never the very instances of a rule's literals.
        this.subjectDn = fresh(subjectDn);
        this.headers = freshHeaders(headers);
        this.sanDns = sanDns.stream().map(BenchRequest::fresh).toList();
        this.host = fresh(host);
        this.path = fresh(path);
        this.method = fresh(method);
        this.ip = IpAddress.parse(ip);
        this.verified = verified;
        this.revoked = revoked;
        this.issuerSki = fresh(issuerSki);
        this.requestValues = new Object[] {this.host, this.path, this.method, this.ip, this.headers};
        this.certificate = new BenchCertificate(verified, revoked, this.issuerSki, this.subjectDn, this.sanDns);
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

    @SuppressWarnings("StringOperationCanBeSimplified")
    private static String fresh(String s) {
        return new String(s);
    }

    private static Map<String, List<String>> freshHeaders(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        headers.forEach(
                (k, v) -> out.put(fresh(k), v.stream().map(BenchRequest::fresh).toList()));
        return java.util.Collections.unmodifiableMap(out);
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

    // ---- FieldValues as the filter's RequestFacts reads them

    /**
     * Slot of each request field in {@link #requestValues}, or {@link #CERTIFICATE}: the layout of
     * {@code RequestFacts}, whose cached fields are boxed values in an {@code Object[]} by slot.
     */
    private static final int[] SLOT = new int[Field.values().length];

    /** Host groups of {@code RulesBenchmark} with a memo per chain: the twenty, the default, the revoked and 100 hosts. */
    static final int GROUPS = 103;

    private static final int CERTIFICATE = -1;
    private static final int ABSENT = -2;
    private static final Field[] REQUEST_FIELDS = {
        Field.HTTP_HOST,
        Field.HTTP_REQUEST_URI_PATH,
        Field.HTTP_REQUEST_METHOD,
        Field.IP_SRC,
        Field.HTTP_REQUEST_HEADERS
    };

    static {
        java.util.Arrays.fill(SLOT, ABSENT);
        for (Field f : Field.values()) {
            if (f.source() != Field.Source.REQUEST) {
                SLOT[f.ordinal()] = CERTIFICATE;
            }
        }
        for (int i = 0; i < REQUEST_FIELDS.length; i++) {
            SLOT[REQUEST_FIELDS[i].ordinal()] = i;
        }
    }

    /** This request's computed values by {@link #SLOT}, as the filter holds them after first read. */
    private final Object[] requestValues;

    /** The client certificate's side, a separate object per chain as in the filter. */
    private final BenchCertificate certificate;

    /**
     * What the filter gives {@code Policy.evaluate} as {@code facts::chainRuleResults}: the
     * cached chain's memo of certificate-only answers, one per host group (the filter's cache is
     * per group), so {@link #chainMemo}{@code (g)} is a field read and an array load, as finding the
     * resolved chain's {@code RuleResults} is.
     */
    java.util.function.Supplier<RuleResults> chainMemo(int group) {
        return certificate.memos[group];
    }

    @Override
    public boolean bool(Field field) {
        return SLOT[field.ordinal()] == CERTIFICATE ? certificate.bool(field) : value(field) == Boolean.TRUE;
    }

    @Override
    public long integer(Field field) {
        Object v = value(field);
        return v == null ? 0 : (Long) v;
    }

    @Override
    public String bytes(Field field) {
        return (String) value(field);
    }

    @Override
    public IpAddress ip(Field field) {
        return (IpAddress) value(field);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> array(Field field) {
        return (List<String>) value(field);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, List<String>> map(Field field) {
        return (Map<String, List<String>>) value(field);
    }

    private Object value(Field field) {
        int slot = SLOT[field.ordinal()];
        if (slot == CERTIFICATE) {
            return certificate.value(field);
        }
        if (slot == ABSENT) {
            throw new IllegalArgumentException("the benchmark's rules do not read " + field.fieldName());
        }
        return requestValues[slot];
    }

    /**
     * The certificate fields as the filter's {@code ClientCertificate} answers them: by the field's
     * source, then through a table of one binding (a lambda) per field reading the chain's facts,
     * so a read costs the same megamorphic call it costs in the filter.
     */
    static final class BenchCertificate {
        @SuppressWarnings("unchecked")
        private static final java.util.function.Function<BenchCertificate, Object>[] BINDINGS =
                new java.util.function.Function[Field.values().length];

        static {
            BINDINGS[Field.CERT_PRESENTED.ordinal()] = c -> Boolean.TRUE;
            BINDINGS[Field.CERT_VERIFIED.ordinal()] = c -> c.verified;
            BINDINGS[Field.CERT_REVOKED.ordinal()] = c -> c.revoked;
            BINDINGS[Field.CERT_ISSUER_SKI.ordinal()] = c -> c.issuerSki;
            BINDINGS[Field.CERT_SUBJECT_DN.ordinal()] = c -> c.subjectDn;
            BINDINGS[Field.CERTGATE_SAN_DNS.ordinal()] = c -> c.sanDns;
        }

        /** Per benchmark host group, the chain's memo, as the filter keeps one per group's cached chain. */
        @SuppressWarnings("unchecked")
        final java.util.function.Supplier<RuleResults>[] memos = new java.util.function.Supplier[GROUPS];

        private final Boolean verified;
        private final Boolean revoked;
        private final String issuerSki;
        private final String subjectDn;
        private final List<String> sanDns;

        BenchCertificate(boolean verified, boolean revoked, String issuerSki, String subjectDn, List<String> sanDns) {
            this.verified = verified;
            this.revoked = revoked;
            this.issuerSki = issuerSki;
            this.subjectDn = subjectDn;
            this.sanDns = sanDns;
            for (int g = 0; g < GROUPS; g++) {
                RuleResults memo = new RuleResults();
                memos[g] = () -> memo;
            }
        }

        /** As the filter's {@code ClientCertificate.bool}: the two trust verdicts directly, the rest through the table. */
        boolean bool(Field field) {
            if (field == Field.CERT_VERIFIED) {
                return verified;
            }
            if (field == Field.CERT_REVOKED) {
                return revoked;
            }
            return value(field) == Boolean.TRUE;
        }

        Object value(Field field) {
            java.util.function.Function<BenchCertificate, Object> b = switch (field.source()) {
                case CHAIN, TRUST, REVOCATION -> BINDINGS[field.ordinal()];
                case REQUEST -> null;
            };
            if (b == null) {
                throw new IllegalArgumentException("the benchmark's rules do not read " + field.fieldName());
            }
            return b.apply(this);
        }
    }
}
