package dev.certgate.bench.rules;

import dev.certgate.rules.Field;
import dev.certgate.rules.FieldValues;
import dev.certgate.rules.IpAddress;
import java.util.List;
import java.util.Map;

/** A request whose facts are already computed, as the filter's lazy facts are after first use. */
final class BenchRequest implements FieldValues {
    final String host;
    final String path;
    final String method;
    final IpAddress ip;
    final boolean verified;
    final boolean revoked;
    final String issuerSki;
    /** The IPv4 address as an int, or -1: what a hand-written check would keep. */
    final int ipV4;

    BenchRequest(String host, String path, String method, String ip, boolean verified, boolean revoked, String issuerSki) {
        this.host = host;
        this.path = path;
        this.method = method;
        this.ip = IpAddress.parse(ip);
        this.verified = verified;
        this.revoked = revoked;
        this.issuerSki = issuerSki;
        byte[] o = this.ip.octets();
        this.ipV4 = o.length == 4 ? (o[0] & 0xFF) << 24 | (o[1] & 0xFF) << 16 | (o[2] & 0xFF) << 8 | (o[3] & 0xFF) : -1;
    }

    @Override
    public boolean bool(Field field) {
        switch (field) {
            case CERT_VERIFIED: return verified;
            case CERT_PRESENTED: return verified;
            case CERT_REVOKED: return revoked;
            case SSL: return true;
            default: return false;
        }
    }

    @Override
    public long integer(Field field) {
        return 0;
    }

    @Override
    public String bytes(Field field) {
        switch (field) {
            case HTTP_HOST: return host;
            case HTTP_REQUEST_URI_PATH: return path;
            case HTTP_REQUEST_METHOD: return method;
            case CERT_ISSUER_SKI: return issuerSki;
            default: return "";
        }
    }

    @Override
    public IpAddress ip(Field field) {
        return ip;
    }

    @Override
    public List<String> array(Field field) {
        return List.of();
    }

    @Override
    public Map<String, List<String>> map(Field field) {
        return Map.of();
    }
}
