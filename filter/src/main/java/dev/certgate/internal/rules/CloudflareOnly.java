package dev.certgate.internal.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cloudflare fields that an application server cannot know, with the reason a rule naming one is
 * refused: they come from Cloudflare's network, its detections or its configuration.
 * An entry ending in '.' covers every field below that name.
 */
final class CloudflareOnly {
    private CloudflareOnly() {}

    private static final String GEO = "geolocation of the client address from Cloudflare's databases";
    private static final String BOTS = "Cloudflare Bot Management's detection";

    /** Name or prefix, reason; longest entries first so that the most specific reason wins. */
    static final Map<String, String> FIELDS = table(
            "ip.src.", GEO,
            "ip.geoip.", GEO,
            "cf.bot_management.", BOTS,
            "cf.client.bot", BOTS,
            "cf.verified_bot_category", BOTS,
            "cf.threat_score", "a Cloudflare threat score",
            "cf.waf.", "a Cloudflare WAF detection (attack scores, content scanning, leaked credentials)",
            "cf.llm.", "Cloudflare AI Security for Apps' analysis of LLM prompts",
            "cf.api_gateway.", "Cloudflare API Shield's session identifiers and schemas",
            "cf.schema_validation.", "Cloudflare API Shield's schema validation",
            "http.request.jwt.", "Cloudflare API Shield's JWT validation configuration",
            "cf.tls_client_hello_length", "the raw TLS ClientHello, which JSSE does not expose",
            "cf.tls_client_random", "the raw TLS ClientHello, which JSSE does not expose",
            "cf.tls_client_extensions_sha1",
                    "the raw TLS ClientHello (JA3/JA4-style fingerprints), which JSSE does not expose",
            "cf.tls_ciphers_sha1", "the raw TLS ClientHello (JA3/JA4-style fingerprints), which JSSE does not expose",
            "cf.ray_id", "Cloudflare's request identifier",
            "cf.random_seed", "random bytes for uuidv4(), which has no meaning in a filter",
            "cf.hostname.metadata", "Cloudflare for SaaS custom hostname metadata",
            "cf.worker.", "Cloudflare Workers",
            "cf.timings.", "timings measured by Cloudflare's network",
            "cf.edge.l4.", "transport statistics of Cloudflare's network",
            "cf.edge.client_tcp", "the transport between the client and Cloudflare's network",
            "cf.response.", "a response, which does not exist yet when certgate decides",
            "http.response.", "a response, which does not exist yet when certgate decides",
            "raw.http.response.", "a response, which does not exist yet when certgate decides");

    private static Map<String, String> table(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /** Why this Cloudflare field is not available, or null when it is not one of them. */
    static String reason(String name) {
        String best = null;
        String reason = null;
        for (Map.Entry<String, String> e : FIELDS.entrySet()) {
            String key = e.getKey();
            boolean hit = key.endsWith(".") ? name.startsWith(key) : name.equals(key) || name.startsWith(key + "_");
            if (hit && (best == null || key.length() > best.length())) {
                best = key;
                reason = e.getValue();
            }
        }
        return reason;
    }
}
