package dev.certgate.boot.it;

import dev.certgate.testing.TestIdentity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.web.context.support.StandardServletEnvironment;

/** Starts the test application on a free port over TLS, with extra properties and environment variables. */
final class BootApps {
    private BootApps() {}

    /**
     * @param env environment variables added to the real ones, read through Spring's
     *            {@code systemEnvironment} property source as a process's would be
     */
    static ConfigurableApplicationContext start(BootPki pki, Map<String, String> env, String... properties) {
        StandardServletEnvironment environment = new StandardServletEnvironment();
        Map<String, Object> variables = new HashMap<>(System.getenv());
        variables.putAll(env);
        environment
                .getPropertySources()
                .replace(
                        StandardServletEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardServletEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        SpringApplication app = new SpringApplication(TestApp.class);
        app.setEnvironment(environment);
        String[] args = new String[properties.length + 1];
        args[0] = "--it.pki=" + pki.dir;
        for (int i = 0; i < properties.length; i++) {
            args[i + 1] = "--" + properties[i];
        }
        return app.run(args);
    }

    static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /** One HTTPS client per identity (null: presents no certificate). */
    static HttpClient client(BootPki pki, TestIdentity identity) throws Exception {
        SSLContext tls = pki.client(identity);
        return HttpClient.newBuilder()
                .sslContext(tls)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
