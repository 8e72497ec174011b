package dev.certgate.example.boot;

import java.nio.file.Path;
import org.springframework.boot.SpringApplication;

/** The demo: the example on https://localhost:8443 with a generated PKI, and curl commands to try. */
public final class ExampleDemo {
    private ExampleDemo() {}

    public static void main(String[] args) throws Exception {
        Path pki = Path.of(args.length > 0 ? args[0] : "target/demo-pki").toAbsolutePath();
        ExamplePki.ensure(pki);
        SpringApplication.run(ExampleApplication.class, "--example.pki=" + pki);
        String curl = "curl --cacert " + pki.resolve("server-ca.pem");
        System.out.println("""

                certgate Spring Boot example on https://localhost:8443
                  admin (200):        %1$s --cert %2$s/admin.pem --key %2$s/admin-key.pem https://localhost:8443/api/admin/report
                  user (200):         %1$s --cert %2$s/user.pem --key %2$s/user-key.pem https://localhost:8443/api/hello
                  user on admin (403, Spring Security):
                                      %1$s --cert %2$s/user.pem --key %2$s/user-key.pem https://localhost:8443/api/admin/report
                  no certificate (403, certgate):  %1$s https://localhost:8443/api/hello
                  stranger (403, certgate):        %1$s --cert %2$s/stranger.pem --key %2$s/stranger-key.pem https://localhost:8443/api/hello
                  health (admin):     %1$s --cert %2$s/admin.pem --key %2$s/admin-key.pem https://localhost:8443/actuator/health/certgate
                Ctrl-C stops it.
                """.formatted(curl, pki));
    }
}
