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
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.security.auth.x500.X500Principal;
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
 * Lookups on a 1M-entry CRL with a different serial on every call (drawn from pre-generated
 * arrays of 65,536, so neither the CPU nor the JIT can keep one probe path hot): certgate's bare
 * index, the layouts it was weighed against, the JDK's {@code X509CRL.getRevokedCertificate},
 * and the whole {@code check()} over a pool of distinct certificate objects.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar CrlLookupBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -jvmArgs -Xmx6g</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CrlLookupBenchmark {

    static final int SAMPLE = 1 << 16;
    static final int CERTS = 1 << 12;

    @Param("1000000")
    public int entries;

    LargeCrl crl;
    Path file;
    X500Principal issuerName;
    BigInteger[] good;
    BigInteger[] revoked;
    long[][] goodKeys;
    long[][] revokedKeys;
    Object index;
    SortedSerialsBaseline baseline;
    X509CRL jdk;
    RevocationChecker certgate;
    X509Certificate[] goodCerts;
    X509Certificate[] revokedCerts;
    List<List<X509Certificate>> goodPaths;
    List<List<X509Certificate>> revokedPaths;
    Instant now;
    int i;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Throwable {
        String name = params.getBenchmark();
        crl = LargeCrl.generate(entries);
        issuerName = crl.issuer.getSubjectX500Principal();
        Random random = new Random(11);
        good = LargeCrl.goodSample(SAMPLE, random);
        revoked = crl.revokedSample(SAMPLE, random);
        now = Instant.now();
        if (name.contains(".index")) {
            index = IndexAccess.build(crl.der);
            goodKeys = new long[SAMPLE][];
            revokedKeys = new long[SAMPLE][];
            for (int k = 0; k < SAMPLE; k++) {
                goodKeys[k] = IndexAccess.key(index, good[k]);
                revokedKeys[k] = IndexAccess.key(index, revoked[k]);
                if (IndexAccess.find(index, good[k], issuerName) >= 0
                        || IndexAccess.find(index, revoked[k], issuerName) < 0) {
                    throw new IllegalStateException("index disagrees with the sample");
                }
            }
            System.out.printf("%nindex retained %.1f MB%n", IndexAccess.retainedBytes(index) / 1e6);
        }
        if (name.contains(".sorted")) {
            baseline = new SortedSerialsBaseline(crl.serialWords);
            for (int k = 0; k < SAMPLE; k++) {
                if (baseline.binarySearch(good[k]) >= 0 || baseline.bloomThenBinarySearch(revoked[k]) < 0) {
                    throw new IllegalStateException("baseline disagrees with the sample");
                }
            }
            System.out.printf("%nbloom filter %.2f MB%n", baseline.bloomBytes() / 1e6);
        }
        if (name.contains(".jdk")) {
            jdk = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl.der));
        }
        if (name.contains(".check") || name.contains(".accessors")) {
            file = Files.write(Files.createTempFile("bench", ".crl"), crl.der);
            certgate = new CrlCheckerProvider()
                    .create(new BenchContext(
                            Map.of("sources", file.toUri().toString(), "max-size", "256MiB"), List.of(crl.issuer)));
            goodCerts = new X509Certificate[CERTS];
            revokedCerts = new X509Certificate[CERTS];
            goodPaths = new java.util.ArrayList<>();
            revokedPaths = new java.util.ArrayList<>();
            for (int k = 0; k < CERTS; k++) {
                goodCerts[k] = crl.leafWithSerial(good[k]);
                revokedCerts[k] = crl.leafWithSerial(revoked[k]);
                // The validated path as the policy hands it over, one list per cached chain.
                goodPaths.add(List.of(goodCerts[k], crl.issuer));
                revokedPaths.add(List.of(revokedCerts[k], crl.issuer));
                if (!certgate.check(goodCerts[k], crl.issuer, now).isGood()
                        || !certgate.check(revokedCerts[k], crl.issuer, now).isRevoked()) {
                    throw new IllegalStateException("checker disagrees with the sample");
                }
            }
        }
        crl = name.contains(".check") || name.contains(".accessors") ? crl : null; // let the DER go
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (certgate != null) {
            certgate.close();
            Files.deleteIfExists(file);
        }
    }

    private int next() {
        return i++ & (SAMPLE - 1);
    }

    private int nextCert() {
        return i++ & (CERTS - 1);
    }

    /** The bare index: serial in (BigInteger, as check() has it), row out. */
    @Benchmark
    public int indexGood() throws Throwable {
        return IndexAccess.find(index, good[next()], issuerName);
    }

    @Benchmark
    public int indexRevoked() throws Throwable {
        return IndexAccess.find(index, revoked[next()], issuerName);
    }

    /** The probe alone, key already derived from the BigInteger. */
    @Benchmark
    public int indexProbeGood() throws Throwable {
        return IndexAccess.find(index, goodKeys[next()], issuerName);
    }

    @Benchmark
    public int indexProbeRevoked() throws Throwable {
        return IndexAccess.find(index, revokedKeys[next()], issuerName);
    }

    /** The previous index: sorted rows, binary search. */
    @Benchmark
    public int sortedBinarySearchGood() {
        return baseline.binarySearch(good[next()]);
    }

    @Benchmark
    public int sortedBinarySearchRevoked() {
        return baseline.binarySearch(revoked[next()]);
    }

    /** The alternative weighed: blocked Bloom filter in front of the binary search. */
    @Benchmark
    public int sortedBloomGood() {
        return baseline.bloomThenBinarySearch(good[next()]);
    }

    @Benchmark
    public int sortedBloomRevoked() {
        return baseline.bloomThenBinarySearch(revoked[next()]);
    }

    @Benchmark
    public X509CRLEntry jdkGood() {
        return jdk.getRevokedCertificate(good[next()]);
    }

    @Benchmark
    public X509CRLEntry jdkRevoked() {
        return jdk.getRevokedCertificate(revoked[next()]);
    }

    /** The request path, certificate in, status out, over 4,096 distinct certificate objects. */
    @Benchmark
    public RevocationStatus checkGood() {
        return certgate.check(goodCerts[nextCert()], crl.issuer, now);
    }

    @Benchmark
    public RevocationStatus checkRevoked() {
        return certgate.check(revokedCerts[nextCert()], crl.issuer, now);
    }

    /** The policy's call: the whole validated path (leaf, anchor), as cached per chain. */
    @Benchmark
    public RevocationStatus checkPathGood() {
        return certgate.check(goodPaths.get(nextCert()), 0, now);
    }

    @Benchmark
    public RevocationStatus checkPathRevoked() {
        return certgate.check(revokedPaths.get(nextCert()), 0, now);
    }

    /** What the JDK charges for getSerialNumber() + getIssuerX500Principal(), which check() must call. */
    @Benchmark
    public int accessorsOnly() {
        X509Certificate cert = goodCerts[nextCert()];
        return cert.getSerialNumber().bitLength()
                + cert.getIssuerX500Principal().hashCode();
    }
}
