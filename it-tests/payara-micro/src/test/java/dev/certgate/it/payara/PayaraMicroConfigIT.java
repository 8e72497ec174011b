package dev.certgate.it.payara;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.it.Registration;
import dev.certgate.it.TestWar;
import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * certgate in a real MicroProfile server that brings its own MicroProfile Config: Payara Micro,
 * started as a child process, with a WAR that holds no Config implementation nor the Config API
 * (WEB-INF/lib: certgate-filter and its own dependencies, and the probe jar).
 *
 * <p>Plain HTTP on 127.0.0.1: a request without a client certificate is what every request is
 * here, which is enough for the mTLS rule of {@code api.example.com} to block. Client-certificate
 * TLS in Payara needs domain configuration (docs/deployment.md).
 */
class PayaraMicroConfigIT {
    private static final String CONTEXT = "/certgate";
    private static final String OTHER_HOST = "www.example.org";

    /** The application's packaged configuration. */
    private static final String WAR_PROPERTIES = """
            certgate.trust=classpath:certgate/api-ca.pem
            certgate.hosts=api
            certgate.host.api.names=api.example.com
            certgate.rules=blocked,server-side,secret
            certgate.rule.blocked.expression=http.request.uri.path eq "/certgate/blocked"
            certgate.rule.blocked.action=block
            # Overridden by a system property given to Payara Micro (--systemproperties).
            certgate.rule.server-side.expression=http.request.uri.path eq "/certgate/from-war"
            certgate.rule.server-side.action=block
            # The expression exists only in Payara's secrets directory (--secretsdir), a config
            # source that only Payara's MicroProfile Config knows: without it the filter fails to start.
            certgate.rule.secret.action=block
            certgate.rule.secret.response.status=451
            """;

    /** System properties of the Payara Micro JVM (ordinal 400, above the WAR's 100). */
    private static final String SYSTEM_PROPERTIES = """
            certgate.rule.server-side.expression=http.request.uri.path eq "/certgate/from-server"
            certgate.rule.server-side.response.status=401
            """;

    private static PayaraMicro payara;
    private static HttpClient client;

    @BeforeAll
    static void startPayara() throws Exception {
        Path work = Path.of(System.getProperty("payara.work", "target/payara-run"));
        deleteRecursively(work);
        Files.createDirectories(work);

        TestCa apiCa = TestCa.root("CN=payara it api clients CA,O=certgate it");
        WebArchive archive = TestWar.of(Registration.WEB_XML)
                .withoutSmallRye()
                .properties(WAR_PROPERTIES)
                .build("certgate");
        archive.add(new StringAsset(TestIdentity.pem(apiCa.certificate())), "/WEB-INF/classes/certgate/api-ca.pem");
        List<String> libs = archive.getContent(p -> p.get().startsWith("/WEB-INF/lib/")).keySet().stream()
                .map(p -> p.get().substring("/WEB-INF/lib/".length()))
                .sorted()
                .toList();
        assertTrue(
                libs.stream().noneMatch(l -> l.contains("smallrye") || l.contains("microprofile")),
                "the WAR must bring no MicroProfile Config (implementation or API): " + libs);
        assertTrue(libs.stream().anyMatch(l -> l.startsWith("certgate-filter-")), "certgate in the WAR: " + libs);
        Path war = work.resolve("certgate.war");
        archive.as(ZipExporter.class).exportTo(war.toFile(), true);

        Path systemProperties = Files.writeString(work.resolve("system.properties"), SYSTEM_PROPERTIES);
        Path secrets = Files.createDirectories(work.resolve("secrets"));
        // One file per property: the name is the key, the content the value.
        Files.writeString(
                secrets.resolve("certgate.rule.secret.expression"),
                "http.request.uri.path eq \"/certgate/from-secrets\"");

        Path jar = Path.of(System.getProperty("payara.micro.jar", "target/payara/payara-micro.jar"));
        Duration timeout = Duration.ofSeconds(Long.getLong("payara.start.timeout", 240));
        long started = System.nanoTime();
        payara = PayaraMicro.start(
                jar,
                work,
                war,
                List.of(),
                List.of(
                        "--systemproperties", systemProperties.toString(),
                        "--secretsdir", secrets.toString()));
        payara.awaitReady(CONTEXT + "/health", timeout);
        System.out.printf(
                "Payara Micro answered after %d s (log: %s)%n",
                Duration.ofNanos(System.nanoTime() - started).toSeconds(), payara.logFile());
        // HTTP/1.1: over plain HTTP the JDK client would otherwise upgrade to h2c, where the Host
        // header set here is not the :authority the server sees.
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterAll
    static void stopPayara() {
        if (payara != null) {
            payara.close();
        }
    }

    @Test
    void mtlsHostWithoutCertificateIsBlockedWithAProblemDocument() throws Exception {
        HttpResponse<String> r = get("api.example.com", "/health");
        assertAll(
                () -> assertEquals(403, r.statusCode(), r.body()),
                () -> assertTrue(
                        r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                        r.headers().map().toString()),
                () -> assertTrue(r.body().contains("\"status\":403"), r.body()));
        // Host matching as documented: case, port and trailing dot do not matter.
        assertEquals(403, get("API.Example.com.:8443", "/health").statusCode());
    }

    @Test
    void otherHostPassesAndTheCustomRuleBlocks() throws Exception {
        HttpResponse<String> health = get(OTHER_HOST, "/health");
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("UP"), health.body());
        HttpResponse<String> blocked = get(OTHER_HOST, "/blocked");
        assertAll(
                () -> assertEquals(403, blocked.statusCode(), blocked.body()),
                () -> assertTrue(
                        blocked.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                        blocked.headers().map().toString()));
    }

    @Test
    void payarasSystemPropertiesOverrideThePackagedValues() throws Exception {
        // The WAR's expression (/from-war) was replaced by the server's (/from-server), with its status.
        assertEquals(401, get(OTHER_HOST, "/from-server").statusCode());
        assertEquals(404, get(OTHER_HOST, "/from-war").statusCode(), "not blocked: no servlet there");
    }

    @Test
    void aValueOnlyPayarasConfigKnowsIsUsed() throws Exception {
        assertEquals(451, get(OTHER_HOST, "/from-secrets").statusCode());
    }

    @Test
    void theConfigIsPayarasOwn() throws Exception {
        Map<String, String> probe = probe();
        String config = probe.get("mpconfig");
        assertAll(
                () -> assertTrue(config.startsWith("fish.payara."), "the application's Config: " + config),
                () -> assertEquals("certgate:dev.certgate.CertGateFilter", probe.get("filters")),
                () -> assertEquals("present", probe.get("policy")));
        // And certgate says so itself at start-up.
        String log = payara.log();
        assertTrue(
                log.contains("configuration from MicroProfile Config (" + config + ")"),
                "start-up line naming " + config + " in " + payara.logFile());
        assertFalse(log.contains("io.smallrye.config"), "no SmallRye anywhere in Payara's output");
    }

    private static HttpResponse<String> get(String host, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + payara.port + CONTEXT + path))
                .header("Host", host)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> probe() throws Exception {
        HttpResponse<String> r = get(OTHER_HOST, "/probe");
        assertEquals(200, r.statusCode(), "probe: " + r.body());
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : r.body().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        return values;
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
