package dev.certgate.internal.settings;

import static dev.certgate.internal.settings.Key.Section.BLOCK_RESPONSE;
import static dev.certgate.internal.settings.Key.Section.FORWARDING;
import static dev.certgate.internal.settings.Key.Section.GENERAL;
import static dev.certgate.internal.settings.Key.Section.LISTS;
import static dev.certgate.internal.settings.Key.Section.OPERATIONS;
import static dev.certgate.internal.settings.Key.Section.PRINCIPAL;
import static dev.certgate.internal.settings.Key.Section.REVOCATION;
import static dev.certgate.internal.settings.Key.Section.RULES;
import static dev.certgate.internal.settings.Key.Type.BOOLEAN;
import static dev.certgate.internal.settings.Key.Type.DURATION;
import static dev.certgate.internal.settings.Key.Type.INTEGER;
import static dev.certgate.internal.settings.Key.Type.LIST;
import static dev.certgate.internal.settings.Key.Type.SIZE;
import static dev.certgate.internal.settings.Key.Type.STRING;

import dev.certgate.internal.settings.Key.Section;
import dev.certgate.internal.settings.Key.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue of every {@code certgate.*} property: the one place that names a key, its type,
 * its default and its documentation. Readers take their keys and defaults from here, unknown-key
 * detection accepts exactly these, docs/configuration.md's and docs/revocation.md's tables are
 * checked against it (ConfigurationDocsTest), and tooling (the CLI, Spring Boot's configuration
 * metadata) iterates {@link #all()}.
 *
 * <p>Adding a setting is one line below (in the section of its documentation table), then reading
 * it with a {@link SettingReader}.
 */
public final class Keys {
    private static final List<Key> ALL = new ArrayList<>();

    /** Prefix of the revocation keys; a host group's is {@code certgate.host.<id>.revocation.}. */
    public static final String REVOCATION_PREFIX = "certgate.revocation.";

    // ---- general ----------------------------------------------------------------------------
    public static final Key ENABLED = key(
            GENERAL,
            "certgate.enabled",
            BOOLEAN,
            true,
            "`false` lets every request through untouched (the configuration is still validated).");
    public static final Key MODE = choice(
            GENERAL,
            "certgate.mode",
            "`report-only`: block rules are evaluated, matches are logged (WARNING) and counted, nothing is blocked.",
            "enforce",
            "report-only");
    public static final Key ON_ERROR = choice(
            GENERAL,
            "certgate.on-error",
            "What an internal error during a request does: `block` (fail closed, the default block response, logged"
                    + " with its stack trace on the server only) or `allow` (fail open — an explicit operator choice).",
            "block",
            "allow");
    public static final Key ON_UNMATCHED_HOST = choice(
            GENERAL,
            "certgate.on-unmatched-host",
            "A request whose host is in no host group, or that names no host: `block` (the default: answer the block"
                    + " response) or `allow` (Cloudflare's behaviour: let it through with only the global rules — an explicit"
                    + " choice, see \"Choosing the Host\"). The start-up log says which, in one INFO line listing the groups.",
            "block",
            "allow");
    public static final Key VERIFICATION = choice(
            GENERAL,
            "certgate.verification",
            "Who decides `cf.tls_client_auth.cert_verified`: `certgate` validates the presented chain against the"
                    + " host's trust anchors (PKIX); `container` trusts the container's TLS verification (any presented chain"
                    + " counts as verified — only for a connector that *requires* certificates from a CA you trust).",
            "certgate",
            "container");
    public static final Key VERIFICATION_CACHE_SIZE = key(
            GENERAL,
            "certgate.verification.cache-size",
            INTEGER,
            10_000,
            "Verified chains kept per host group, so a keep-alive client costs one path validation. An entry keeps"
                    + " the client's certificate, its formatted fields, its last revocation answer and its certificate-only"
                    + " rule results — about 7 KB with EC P-256 certificates (measured: 10,000 entries ≈ 67 MiB; issuer"
                    + " certificates are shared between entries); size it to the number of distinct client certificates you"
                    + " expect, a miss costs one chain validation (one signature check for a chain sent in issuer order,"
                    + " a PKIX path build otherwise).");
    public static final Key TRUST = unset(
            GENERAL,
            "certgate.trust",
            LIST,
            "none",
            "Default trust anchors for every host group: comma-separated locations of PEM (or DER) CA certificates.");
    public static final Key AUTO_REGISTER = key(
            GENERAL,
            "certgate.auto-register",
            BOOLEAN,
            true,
            "`false`: the jar does not register the filter itself (declare it in `web.xml` or in code);"
                    + " see [deployment.md](deployment.md).");
    public static final Key DISPATCHERS = key(
            GENERAL,
            "certgate.dispatchers",
            LIST,
            "REQUEST",
            "Dispatcher types of the automatically registered filter, comma-separated, any case; must include"
                    + " `REQUEST`; see [deployment.md](deployment.md).");

    public static final Key REQUEST_BODY_ENABLED = key(
            GENERAL,
            "certgate.request-body.enabled",
            BOOLEAN,
            false,
            "`true` lets rules read `http.request.body.*` (see [rules.md](rules.md)); off by default, and a rule reading a"
                    + " body field fails start-up while it is off. A host group's requests are buffered only when one of its rules"
                    + " reads a body field, and only when that rule is evaluated; the application still receives the whole body.");
    public static final Key REQUEST_BODY_MAX_SIZE = key(
            GENERAL,
            "certgate.request-body.max-size",
            SIZE,
            "128KiB",
            "How much of a request body the body fields see (Cloudflare's Enterprise limit), at most 16MiB; a longer body"
                    + " sets `http.request.body.truncated`. This many bytes per request are held in memory while the rules run.");

    // ---- host groups ------------------------------------------------------------------------
    public static final Key HOSTS =
            unset(Section.HOSTS, "certgate.hosts", LIST, "none", "The ids of the host groups, in any order.");
    public static final Key HOST_NAMES = unset(
            Section.HOSTS,
            "certgate.host.<id>.names",
            LIST,
            "required",
            "Host names of the group: exact names (`api.example.com`) and wildcards whose whole left-most label is"
                    + " `*` (`*.api.example.com`: any name ending in `.api.example.com`, at any depth, but not"
                    + " `api.example.com` itself). A name may belong to one group only.");
    public static final Key HOST_TRUST = unset(
            Section.HOSTS,
            "certgate.host.<id>.trust",
            LIST,
            "`certgate.trust`",
            "The group's own trust anchors (Cloudflare's per-hostname CA association).");
    public static final Key HOST_MTLS = key(
            Section.HOSTS,
            "certgate.host.<id>.mtls",
            BOOLEAN,
            true,
            "Adds Cloudflare's dashboard \"mTLS rule\" as the group's first rule (below).");
    public static final Key HOST_RULES = unset(
            Section.HOSTS,
            "certgate.host.<id>.rules",
            LIST,
            "none",
            "The ids of the group's own rules, in evaluation order.");

    // ---- behind a proxy (certgate.*, overridable as certgate.host.<id>.*, except forwarded-host) -
    public static final Key TRUSTED_PROXIES = unset(
            FORWARDING,
            "certgate.trusted-proxies",
            LIST,
            "none",
            "Comma-separated IPv4/IPv6 addresses and CIDRs (`10.0.0.0/8, 2001:db8::/32, ::1`) of the"
                    + " proxies, matched against the **socket peer**, `getRemoteAddr()`. An entry with host bits set"
                    + " (`10.1.2.3/16`) fails start-up. An IPv4-mapped IPv6 peer (`::ffff:10.0.0.1`) matches the IPv4"
                    + " entry. `0.0.0.0/0` is accepted but announced at start-up: every client could forge the"
                    + " headers.");
    public static final Key FORWARDED_CERT_FORMAT = choice(
            FORWARDING,
            "certgate.forwarded-cert.format",
            "How the proxy writes the client certificate, chosen explicitly (never guessed from the"
                    + " header): `rfc9440` (RFC 9440 `Client-Cert` / `Client-Cert-Chain`, RFC 8941 byte sequences of"
                    + " DER), `xfcc` (Envoy's `X-Forwarded-Client-Cert`: only the **last** element, the one the"
                    + " nearest proxy appended; its `Cert=` and/or `Chain=`, URL-encoded PEM; `Hash=` when present"
                    + " must be the leaf's SHA-256), `escaped-pem` (URL-encoded PEM, one certificate or a chain leaf"
                    + " first: nginx `$ssl_client_escaped_cert`, AWS ALB `X-Amzn-Mtls-Clientcert`), `traefik`"
                    + " (Traefik's `X-Forwarded-Tls-Client-Cert`: URL-escaped base64 bodies without BEGIN/END lines,"
                    + " comma-separated). Needs `trusted-proxies`.",
            "none",
            "rfc9440",
            "xfcc",
            "escaped-pem",
            "traefik");
    public static final Key FORWARDED_CERT_HEADER = unset(
            FORWARDING,
            "certgate.forwarded-cert.header",
            STRING,
            "per format",
            "The header: `Client-Cert` (rfc9440), `X-Forwarded-Client-Cert` (xfcc),"
                    + " `X-Forwarded-Tls-Client-Cert` (traefik); **required** for `escaped-pem` (whatever you told"
                    + " nginx, or `X-Amzn-Mtls-Clientcert`).");
    public static final Key FORWARDED_CERT_CHAIN_HEADER = unset(
            FORWARDING,
            "certgate.forwarded-cert.chain-header",
            STRING,
            "`Client-Cert-Chain`",
            "rfc9440 only: the chain header (leaf not repeated).");
    public static final Key FORWARDED_CERT_MAX_BYTES = key(
            FORWARDING,
            "certgate.forwarded-cert.max-bytes",
            INTEGER,
            16384,
            "The most characters the certificate header(s) may carry together. A larger one is refused: the"
                    + " request has no certificate, counted as `oversized`. (Cloudflare caps the leaf at 10 KiB and"
                    + " the chain at 16 KiB; Tomcat's default limit for the whole request head is 8 KiB — raise"
                    + " `maxHttpHeaderSize` for long chains.)");
    public static final Key FORWARDED_CERT_FROM_UNTRUSTED = choice(
            FORWARDING,
            "certgate.forwarded-cert.from-untrusted",
            "Certificate headers from a peer that is **not** a trusted proxy (a client reaching the"
                    + " application directly): `hide` (the application never sees them — a request wrapper removes"
                    + " them — and the TLS certificate, if any, is judged as usual; counted as `untrusted-hidden`),"
                    + " `bad-request` (answer 400, `untrusted-refused`) or `block` (the block response,"
                    + " `untrusted-refused`). In report-only mode nothing is refused: the headers are hidden and a"
                    + " rate-limited `would_block` decision event (rule `certgate:untrusted-forwarded-certificate`)"
                    + " says what would have been.",
            "hide",
            "bad-request",
            "block");
    public static final Key FORWARDED_CERT_TLS_FALLBACK = key(
            FORWARDING,
            "certgate.forwarded-cert.tls-fallback",
            BOOLEAN,
            false,
            "A trusted proxy that forwards no certificate: `false` = the request has no certificate; `true`"
                    + " = judge the TLS client certificate of the connection instead. Leave it off when the proxy"
                    + " presents a certificate of its own to the application (Cloudflare Authenticated Origin Pulls,"
                    + " a mesh sidecar): that is the proxy's identity, not the client's.");
    public static final Key FORWARDED_CERT_EXPOSE = key(
            FORWARDING,
            "certgate.forwarded-cert.expose",
            BOOLEAN,
            false,
            "`true`: the application sees the forwarded chain as `jakarta.servlet.request.X509Certificate`"
                    + " when certgate verified it (and no certificate when it did not), instead of the connection's —"
                    + " so Spring Security's `x509()` and `request.getAttribute` see what certgate judged.");
    public static final Key CLIENT_ADDRESS = choice(
            FORWARDING,
            "certgate.client-address",
            "Where `ip.src` comes from for a request from a trusted proxy: `none` (the socket peer),"
                    + " `x-forwarded-for` or `forwarded` (RFC 7239 `for=`). The right-most address that is not a"
                    + " trusted proxy is the client (everything left of it was written by the client). A value that"
                    + " is not an address (`unknown`, an obfuscated `_name`, garbage) stops the walk: `ip.src` is"
                    + " then the proxy that reported it. From other peers the header is ignored.",
            "none",
            "x-forwarded-for",
            "forwarded");
    /** Global only: the host picks the group, so it cannot depend on one. */
    public static final Key FORWARDED_HOST = add(new Key(
            "certgate.forwarded-host",
            FORWARDING,
            Type.CHOICE,
            List.of("none", "x-forwarded-host", "forwarded"),
            Optional.of("none"),
            null,
            "Global only (the host picks the group): `none`, `x-forwarded-host` or `forwarded` (`host=` of"
                    + " the last element). Read only from peers in the global `certgate.trusted-proxies`; the"
                    + " right-most value. Both group selection and `http.host` use it.",
            false));

    // ---- rules (certgate.rule.<rule>.*, and certgate.host.<id>.rule.<rule>.* in a host group) -
    public static final Key RULES_LIST = unset(
            GENERAL,
            "certgate.rules",
            LIST,
            "none",
            "The ids of the global rules, in evaluation order (after each host group's own rules).");
    public static final Key RULE_EXPRESSION = unset(
            RULES,
            "certgate.rule.<rule>.expression",
            STRING,
            "required",
            "An expression in Cloudflare's Rules language; see [rules.md](rules.md).");
    public static final Key RULE_ACTION =
            unset(RULES, "certgate.rule.<rule>.action", STRING, "required", "`block`, `allow`, `skip` or `log`.");
    public static final Key RULE_DESCRIPTION =
            unset(RULES, "certgate.rule.<rule>.description", STRING, "empty", "Free text for previews and logs.");
    public static final Key RULE_REPORT_ONLY = key(
            RULES,
            "certgate.rule.<rule>.report-only",
            BOOLEAN,
            false,
            "For a block rule: log and count the would-block, don't block.");
    public static final Key RULE_RESPONSE_STATUS = unset(
            RULES,
            "certgate.rule.<rule>.response.status",
            STRING,
            "`certgate.block.status`",
            "For a block rule: the status, 400–499.");
    public static final Key RULE_RESPONSE_CONTENT_TYPE = unset(
            RULES,
            "certgate.rule.<rule>.response.content-type",
            STRING,
            "",
            "For a block rule: the content type of `….response.body`.");
    public static final Key RULE_RESPONSE_BODY = unset(
            RULES,
            "certgate.rule.<rule>.response.body",
            STRING,
            "",
            "For a block rule: the body (UTF-8). Without it, a problem document is sent.");

    // ---- the block response -----------------------------------------------------------------
    public static final Key BLOCK_STATUS = key(
            BLOCK_RESPONSE,
            "certgate.block.status",
            INTEGER,
            403,
            "Status of every block rule without its own, 400–499.");
    public static final Key BLOCK_CONTENT_TYPE = key(
            BLOCK_RESPONSE,
            "certgate.block.content-type",
            STRING,
            "text/plain; charset=utf-8",
            "Content type of `certgate.block.body`.");
    public static final Key BLOCK_BODY =
            unset(BLOCK_RESPONSE, "certgate.block.body", STRING, "", "A body instead of the default problem document.");

    // ---- named lists ------------------------------------------------------------------------
    public static final Key LISTS_DECLARED = unset(LISTS, "certgate.lists", LIST, "none", "The names of the lists.");
    public static final Key LIST_ITEMS = unset(
            LISTS,
            "certgate.list.<name>",
            LIST,
            "required",
            "The items, comma-separated: IP addresses, CIDRs (`192.0.2.0/24`), ranges, host names or other strings,"
                    + " depending on what the expression compares them with.");

    // ---- revocation (certgate.revocation.*, overridable as certgate.host.<id>.revocation.*) --
    public static final Key REVOCATION_CHECKERS = unset(
            REVOCATION,
            "certgate.revocation.checkers",
            LIST,
            "(absent = off)",
            "checkers in order, e.g. `crl`, `ocsp`, `ocsp,crl`, or a plug-in's name; `none` = off. The first"
                    + " definitive answer (GOOD or REVOKED) wins; UNKNOWN falls through to the next.");
    public static final Key REVOCATION_SCOPE = choice(
            REVOCATION,
            "certgate.revocation.scope",
            "`chain`: every certificate of the path except the trust anchor; `leaf`: the client certificate only.",
            "chain",
            "leaf");
    public static final Key REVOCATION_FAILURE = choice(
            REVOCATION,
            "certgate.revocation.failure",
            "what UNKNOWN means: `hard` → revoked, `soft` → not revoked (with a warning and a counter).",
            "hard",
            "soft");

    public static final Key CRL_SOURCES = unset(
            REVOCATION,
            "certgate.revocation.crl.sources",
            LIST,
            "—",
            "comma list of `file:`, `classpath:`, `http:`/`https:` URIs of DER or PEM CRLs, complete or delta CRLs"
                    + " alike. Required unless `crl.cdp.allowed-hosts` is set. A missing file fails start-up. `none`: no CRL"
                    + " at all, every answer of this checker is UNKNOWN (what the CLI uses for `--revocation crl` without"
                    + " `--crl`).");
    public static final Key CRL_SIGNERS = unset(
            REVOCATION,
            "certgate.revocation.crl.signers",
            LIST,
            "—",
            "`file:` URIs of PEM/DER certificates that may lead to a CRL's signer: intermediate CAs, a CA's separate"
                    + " CRL-signing certificate, an indirect CRL's issuer, a CA's self-issued key-rollover certificates."
                    + " **They are not trusted**: a CRL counts only when its signer has a valid path (the JDK's PKIX path"
                    + " builder) to one of the host's trust anchors, and only for certificates under that same anchor."
                    + " **Set it for CRLs signed by an intermediate CA**: otherwise such a CRL is verified only once a client"
                    + " presents that CA, and until then its certificates answer UNKNOWN (blocked under hard-fail; a WARNING"
                    + " says so at start-up).");
    public static final Key CRL_CDP_ALLOWED_HOSTS = unset(
            REVOCATION,
            "certgate.revocation.crl.cdp.allowed-hosts",
            LIST,
            "(empty = CDP fetching off)",
            "host names (`crl.example.com`) or `*.example.com` patterns whose CRL distribution point URLs, taken from"
                    + " client certificates, may be fetched.");
    public static final Key CRL_CDP_MAX_SOURCES = key(
            REVOCATION,
            "certgate.revocation.crl.cdp.max-sources",
            INTEGER,
            32,
            "at most this many distribution-point CRLs are followed.");
    public static final Key CRL_CONNECT_TIMEOUT =
            key(REVOCATION, "certgate.revocation.crl.connect-timeout", DURATION, "3s", "HTTP connect timeout.");
    public static final Key CRL_READ_TIMEOUT =
            key(REVOCATION, "certgate.revocation.crl.read-timeout", DURATION, "5s", "HTTP read timeout (per read).");
    public static final Key CRL_MAX_SIZE = key(
            REVOCATION,
            "certgate.revocation.crl.max-size",
            SIZE,
            "64MiB",
            "a larger CRL is refused while downloading, before parsing.");
    public static final Key CRL_CLOCK_SKEW = key(
            REVOCATION,
            "certgate.revocation.crl.clock-skew",
            DURATION,
            "5m",
            "tolerance on `thisUpdate`/`nextUpdate`.");
    public static final Key CRL_GRACE = key(
            REVOCATION,
            "certgate.revocation.crl.grace",
            DURATION,
            "0s",
            "how long after `nextUpdate` the last good CRL may still be used when refreshing fails.");
    public static final Key CRL_REFRESH_INTERVAL = key(
            REVOCATION,
            "certgate.revocation.crl.refresh-interval",
            DURATION,
            "1h",
            "longest time between two refreshes (earlier when `nextUpdate` is closer); at least `1s`.");
    public static final Key CRL_RETRY_MIN = key(
            REVOCATION,
            "certgate.revocation.crl.retry.min",
            DURATION,
            "10s",
            "first wait of the exponential backoff (with jitter) after a failed refresh.");
    public static final Key CRL_RETRY_MAX = key(
            REVOCATION,
            "certgate.revocation.crl.retry.max",
            DURATION,
            "5m",
            "longest wait of that backoff; at least `crl.retry.min`.");

    public static final Key OCSP_RESPONDER = unset(
            REVOCATION,
            "certgate.revocation.ocsp.responder",
            STRING,
            "—",
            "responder URL used when the certificate has no AIA OCSP URL.");
    public static final Key OCSP_RESPONDER_OVERRIDE = key(
            REVOCATION,
            "certgate.revocation.ocsp.responder-override",
            BOOLEAN,
            false,
            "`true`: always use `ocsp.responder`, ignoring AIA.");
    public static final Key OCSP_TRUSTED_RESPONDERS = unset(
            REVOCATION,
            "certgate.revocation.ocsp.trusted-responders",
            LIST,
            "—",
            "`file:` URIs of responder certificates trusted to sign any answer for this host group.");
    public static final Key OCSP_RESPONSES = unset(
            REVOCATION,
            "certgate.revocation.ocsp.responses",
            LIST,
            "—",
            "`file:` URIs of saved DER OCSP responses, matched by CertID and verified like fetched ones (offline use).");
    public static final Key OCSP_FETCH = key(
            REVOCATION,
            "certgate.revocation.ocsp.fetch",
            BOOLEAN,
            true,
            "`false`: never contact a responder (only `ocsp.responses`).");
    public static final Key OCSP_DELEGATE_WITHOUT_NOCHECK = choice(
            REVOCATION,
            "certgate.revocation.ocsp.delegate-without-nocheck",
            "a delegated responder (issued by the CA, id-kp-OCSPSigning, valid) whose certificate lacks"
                    + " id-pkix-ocsp-nocheck: `accept` it without checking its own status (RFC 6960 §4.2.2.2.1 leaves this"
                    + " to local policy; OpenSSL, the JDK and Go accept it) — a WARNING names each such delegate the first"
                    + " time and the answers are counted — or `refuse` (its answers become UNKNOWN).",
            "accept",
            "refuse");
    public static final Key OCSP_NONCE = choice(
            REVOCATION,
            "certgate.revocation.ocsp.nonce",
            "`off`, `send` (a nonce in requestExtensions; a wrong echo is refused), `require` (the echo must be there).",
            "off",
            "send",
            "require");
    public static final Key OCSP_CONNECT_TIMEOUT = key(
            REVOCATION,
            "certgate.revocation.ocsp.connect-timeout",
            DURATION,
            "3s",
            "HTTP connect timeout; a cold miss waits at most about the sum of both timeouts.");
    public static final Key OCSP_READ_TIMEOUT =
            key(REVOCATION, "certgate.revocation.ocsp.read-timeout", DURATION, "5s", "HTTP read timeout.");
    public static final Key OCSP_MAX_RESPONSE_SIZE = key(
            REVOCATION,
            "certgate.revocation.ocsp.max-response-size",
            SIZE,
            "64KiB",
            "larger responses are refused while reading.");
    public static final Key OCSP_CLOCK_SKEW = key(
            REVOCATION,
            "certgate.revocation.ocsp.clock-skew",
            DURATION,
            "5m",
            "tolerance on `thisUpdate`/`nextUpdate`.");
    public static final Key OCSP_MAX_AGE = key(
            REVOCATION,
            "certgate.revocation.ocsp.max-age",
            DURATION,
            "1h",
            "how long an answer without `nextUpdate` may be used after its `thisUpdate`.");
    public static final Key OCSP_CACHE_MAX_ENTRIES = key(
            REVOCATION,
            "certgate.revocation.ocsp.cache.max-entries",
            INTEGER,
            10_000,
            "bounded cache; expired, then least recently seen entries go first.");
    public static final Key OCSP_CACHE_FAILURE_TTL = key(
            REVOCATION,
            "certgate.revocation.ocsp.cache.failure-ttl",
            DURATION,
            "30s",
            "a failed lookup (responder down, bad response) is remembered this long: no request storm.");
    public static final Key OCSP_REFRESH_AHEAD = key(
            REVOCATION,
            "certgate.revocation.ocsp.refresh-ahead",
            DURATION,
            "5m",
            "a certificate seen when its answer expires within this time gets a background refresh.");

    // ---- the verified certificate as the application's user (certgate.*, overridable as certgate.host.<id>.*)
    public static final Key PRINCIPAL_IDENTITY = choice(
            PRINCIPAL,
            "certgate.principal",
            "What names the user of a request whose certificate verified and is not revoked"
                    + " (`getUserPrincipal()`, `isUserInRole()`): `none` (off), `subject.cn`, `subject.dn`,"
                    + " `fingerprint.sha256`, or the first SAN of a type: `san.dns`, `san.uri`, `san.email`, `san.ip`."
                    + " See [principal.md](principal.md).",
            "none",
            "subject.cn",
            "subject.dn",
            "fingerprint.sha256",
            "san.dns",
            "san.uri",
            "san.email",
            "san.ip");
    public static final Key ROLES_LIST = unset(
            PRINCIPAL,
            "certgate.roles",
            LIST,
            "none",
            "Role names (ids) granted where principal mapping is on; a group's role replaces a global role of"
                    + " the same name.");
    public static final Key ROLE_EXPRESSION = unset(
            PRINCIPAL,
            "certgate.role.<role>.expression",
            STRING,
            "required",
            "When the role is granted: an expression of the Rules language, evaluated once per request"
                    + " after certgate let it through.");
    // ---- operations (dev.certgate.ops; docs/operations.md) ----------------------------------
    public static final Key RELOAD_INTERVAL = key(
            OPERATIONS,
            "certgate.reload.interval",
            DURATION,
            "30s",
            "How often the configuration sources and the files their values name (CA bundles, CRL files) are checked"
                    + " for changes; a change is loaded, validated as at start-up and swapped in, or refused with the running"
                    + " policy kept. `off` (or `0`): never, reload on demand only (JMX, status page).");
    public static final Key EVENTS_PER_CLIENT = key(
            OPERATIONS,
            "certgate.events.per-client",
            INTEGER,
            5,
            "Decision events (blocks, would-blocks, log matches) written per rule and client address per window;"
                    + " the rest are counted and summarised. `0`: summaries only.");
    public static final Key EVENTS_PER_RULE = key(
            OPERATIONS,
            "certgate.events.per-rule",
            INTEGER,
            50,
            "Decision events written per rule per window, whatever the client addresses.");
    public static final Key EVENTS_WINDOW = key(
            OPERATIONS,
            "certgate.events.window",
            DURATION,
            "1m",
            "The rate-limit window of the decision events, and the period of the summary line per active rule.");
    public static final Key EXPIRY_WINDOW = key(
            OPERATIONS,
            "certgate.expiry.window",
            DURATION,
            "30d",
            "Trust anchors and configured revocation signers expiring within it (or expired) are warned about at"
                    + " start-up, on reload and daily, and counted in the metrics.");
    public static final Key EXPIRY_COUNT_CLIENTS = key(
            OPERATIONS,
            "certgate.expiry.count-clients",
            BOOLEAN,
            false,
            "Also count, per host group, the cached verified client certificates expiring within the window.");
    public static final Key STATUS_ENABLED = key(
            OPERATIONS,
            "certgate.status.enabled",
            BOOLEAN,
            false,
            "Serve the status page (HTML and JSON, reload, \"test this certificate\"); needs `certgate.status.rule`.");
    public static final Key STATUS_PATH = key(
            OPERATIONS,
            "certgate.status.path",
            STRING,
            "/certgate/status",
            "Where the status page is, inside the application's context path.");
    public static final Key STATUS_RULE = unset(
            OPERATIONS,
            "certgate.status.rule",
            STRING,
            "required when enabled",
            "Who may see the status page: an expression that must be true for the request (after the host's own"
                    + " rules let it through); others get 403. Never open by default.");
    public static final Key JMX_ENABLED = key(
            OPERATIONS,
            "certgate.jmx.enabled",
            BOOLEAN,
            true,
            "Register the MBean `dev.certgate:type=CertGate,instance=N` (metrics, reload operation).");
    public static final Key METRICS_MICROMETER = key(
            OPERATIONS,
            "certgate.metrics.micrometer",
            BOOLEAN,
            true,
            "Export the metrics to Micrometer's global registry, when Micrometer is on the class path.");
    public static final Key METRICS_OPENTELEMETRY = key(
            OPERATIONS,
            "certgate.metrics.opentelemetry",
            BOOLEAN,
            true,
            "Export the metrics to the global OpenTelemetry, when its API is on the class path.");

    private Keys() {}

    /** A host group's revocation prefix, e.g. {@code certgate.host.api.revocation.}. */
    public static String hostRevocationPrefix(String hostId) {
        return "certgate.host." + hostId + ".revocation.";
    }

    /** Every key, in documentation order. */
    public static List<Key> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** The keys documented in one table. */
    public static List<Key> in(Section section) {
        return ALL.stream().filter(k -> k.section() == section).toList();
    }

    // ---- one line per key above: these say what each kind of line means -------------------

    /** A key whose unset value reads as dflt. */
    private static Key key(Section s, String name, Type type, Object dflt, String doc) {
        return add(new Key(name, s, type, List.of(), Optional.of(String.valueOf(dflt)), null, doc, perHost(s)));
    }

    /** A key without a default; absent says what leaving it unset means. */
    private static Key unset(Section s, String name, Type type, String absent, String doc) {
        return add(new Key(name, s, type, List.of(), Optional.empty(), absent, doc, perHost(s)));
    }

    /** The first choice is the default. */
    private static Key choice(Section s, String name, String doc, String... choices) {
        return add(new Key(name, s, Type.CHOICE, List.of(choices), Optional.of(choices[0]), null, doc, perHost(s)));
    }

    /** Rules, revocation and forwarding settings exist globally and in every host group. */
    private static boolean perHost(Section s) {
        return s == RULES || s == REVOCATION || s == FORWARDING || s == PRINCIPAL;
    }

    private static Key add(Key key) {
        ALL.add(key);
        return key;
    }
}
