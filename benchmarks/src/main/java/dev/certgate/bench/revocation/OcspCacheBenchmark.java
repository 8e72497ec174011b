package dev.certgate.bench.revocation;

import dev.certgate.internal.revocation.ocsp.OcspCheckerProvider;
import dev.certgate.revocation.RevocationChecker;
import dev.certgate.revocation.RevocationStatus;
import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestOcspResponder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The cost of a cached OCSP answer on the request path. */
@State(Scope.Benchmark)
public class OcspCacheBenchmark {

    RevocationChecker checker;
    X509Certificate issuer;
    X509Certificate leaf;
    Instant now = Instant.now();

    @Setup
    public void setUp() throws Exception {
        TestCa ca = TestCa.root("CN=Bench OCSP CA", now);
        issuer = ca.certificate();
        leaf = ca.leaf("CN=leaf").issue().certificate();
        byte[] response = TestOcspResponder.response(ca.identity(), leaf, issuer, null, now);
        Path saved = Files.write(Files.createTempFile("bench", ".ocsp"), response);
        checker = new OcspCheckerProvider()
                .create(new BenchContext(
                        Map.of("responses", saved.toUri().toString(), "fetch", "false"), List.of(issuer)));
        if (!checker.check(leaf, issuer, now).isGood()) {
            throw new IllegalStateException("OCSP answer not cached");
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public RevocationStatus cachedAnswer() {
        return checker.check(leaf, issuer, now);
    }
}
