package dev.certgate.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** certgate's keys through Spring's Environment: precedence, environment variables, YAML lists, unknown-key names. */
class SpringEnvironmentSourceTest {
    private static SpringEnvironmentSource source(Map<String, Object> yml, Map<String, Object> env) {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
        environment.getPropertySources().addLast(new MapPropertySource("application.yml", yml));
        return new SpringEnvironmentSource(environment);
    }

    @Test
    void environmentVariablesOverrideTheFileAndYamlListsJoin() {
        SpringEnvironmentSource s = source(
                Map.of(
                        "certgate.host.api.names[0]",
                        "a.example",
                        "certgate.host.api.names[1]",
                        "b.example",
                        "certgate.mode",
                        "report-only"),
                Map.of("CERTGATE_MODE", "enforce", "CERTGATE_ON_UNMATCHED_HOST", "allow"));
        assertEquals(Optional.of("a.example,b.example"), s.get("certgate.host.api.names"));
        assertEquals(Optional.of("enforce"), s.get("certgate.mode"));
        assertEquals(Optional.of("allow"), s.get("certgate.on-unmatched-host"));
        assertEquals(Optional.empty(), s.get("certgate.trust"));
    }

    @Test
    void namesAreReportedInTheSpellingCertgateReadsOrTheirOwn() {
        SpringEnvironmentSource s = source(
                Map.of("certgate.host.api.names[0]", "a.example", "certgate.host.api.trsut", "x"),
                Map.of("CERTGATE_ON_UNMATCHED_HOST", "allow", "CERTGATE_HOST_API_MTSL", "false", "PATH", "/bin"));
        s.get("certgate.host.api.names");
        s.get("certgate.on-unmatched-host");
        Set<String> names = s.names();
        assertTrue(names.contains("certgate.host.api.names"), names.toString());
        assertTrue(names.contains("certgate.on-unmatched-host"), names.toString());
        assertTrue(names.contains("certgate.host.api.trsut"), names.toString());
        assertTrue(names.contains("certgate.host.api.mtsl"), "an unread variable in certgate's spelling: " + names);
        assertTrue(names.stream().allMatch(n -> n.startsWith("certgate.")), names.toString());
    }
}
