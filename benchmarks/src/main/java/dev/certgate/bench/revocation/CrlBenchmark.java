package dev.certgate.bench.revocation;

import dev.certgate.internal.revocation.crl.CrlCheckerProvider;
import dev.certgate.revocation.RevocationChecker;
import dev.certgate.revocation.RevocationStatus;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * A large CRL: load + signature check, and one lookup, for certgate's CRL checker, the JDK's
 * X509CRL and BC's X509CRLHolder, in the same run.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar CrlBenchmark -f 1 -wi 2 -i 3</pre>
 */
@State(Scope.Benchmark)
public class CrlBenchmark {

    @Param("1000000")
    public int entries;

    LargeCrl crl;
    Path file;
    RevocationChecker certgate;
    X509CRL jdk;
    X509CRLHolder bc;
    BigInteger goodSerial;
    Instant now;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Exception {
        crl = LargeCrl.generate(entries);
        file = Files.write(Files.createTempFile("bench", ".crl"), crl.der);
        certgate = loadCertgate();
        // Load the others only for their own benchmarks: the JDK alone takes seconds.
        jdk = params.getBenchmark().endsWith("Jdk") ? loadJdk() : null;
        bc = params.getBenchmark().endsWith("Bc") ? loadBc() : null;
        goodSerial = crl.goodLeaf.getSerialNumber();
        now = Instant.now();
        if (!certgate.check(crl.revokedLeaf, crl.issuer, now).isRevoked()
                || !certgate.check(crl.goodLeaf, crl.issuer, now).isGood()) {
            throw new IllegalStateException("certgate CRL checker did not load the CRL");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        certgate.close();
        Files.deleteIfExists(file);
    }

    RevocationChecker loadCertgate() throws Exception {
        return new CrlCheckerProvider()
                .create(new BenchContext(
                        Map.of("sources", file.toUri().toString(), "max-size", "256MiB"), List.of(crl.issuer)));
    }

    X509CRL loadJdk() throws Exception {
        X509CRL parsed =
                (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl.der));
        parsed.verify(crl.issuer.getPublicKey());
        return parsed;
    }

    X509CRLHolder loadBc() throws Exception {
        X509CRLHolder holder = new X509CRLHolder(crl.der);
        if (!holder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(crl.issuer.getPublicKey()))) {
            throw new IllegalStateException("BC: bad signature");
        }
        return holder;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object loadAndVerifyCertgate() throws Exception {
        try (RevocationChecker checker = loadCertgate()) {
            return checker;
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object loadAndVerifyJdk() throws Exception {
        return loadJdk();
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object loadAndVerifyBc() throws Exception {
        return loadBc();
    }

    /** The request path: certificate in, status out (one binary search). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public RevocationStatus lookupRevokedCertgate() {
        return certgate.check(crl.revokedLeaf, crl.issuer, now);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public RevocationStatus lookupGoodCertgate() {
        return certgate.check(crl.goodLeaf, crl.issuer, now);
    }

    /**
     * Baseline: what the JDK's X509CertImpl charges for the two accessors any checker needs
     * (serial, issuer name); it looks them up by attribute name on every call.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int certificateAccessorsOnly() {
        return crl.goodLeaf.getSerialNumber().bitLength()
                + crl.goodLeaf.getIssuerX500Principal().hashCode();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public X509CRLEntry lookupRevokedJdk() {
        return jdk.getRevokedCertificate(crl.revokedSerial);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public X509CRLEntry lookupGoodJdk() {
        return jdk.getRevokedCertificate(goodSerial);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public X509CRLEntryHolder lookupRevokedBc() {
        return bc.getRevokedCertificate(crl.revokedSerial);
    }
}
