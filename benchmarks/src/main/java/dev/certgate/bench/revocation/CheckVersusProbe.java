package dev.certgate.bench.revocation;

import dev.certgate.internal.revocation.crl.CrlCheckerProvider;
import dev.certgate.revocation.RevocationChecker;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.security.auth.x500.X500Principal;

/**
 * {@code check()} against the bare index probe on the 1,000,000-entry CRL of
 * {@link CrlLookupBenchmark} (same samples: 65,536 keys, 4,096 certificate objects), for a shared
 * machine: the two alternate in batches of 20,000 calls, and the low percentiles of the batch
 * times are compared — a batch that was not preempted is the same for both, so their ratio holds
 * at a load where JMH's averages swing by a factor of two.
 *
 * <pre>java -Xmx6g -cp benchmarks/target/benchmarks.jar dev.certgate.bench.revocation.CheckVersusProbe [rounds]</pre>
 */
public final class CheckVersusProbe {
    private static final int SAMPLE = 1 << 16;
    private static final int CERTS = 1 << 12;
    private static final int BATCH = 20_000;
    private static final int WARM_UP_ROUNDS = 50;

    private static int sink;

    private CheckVersusProbe() {}

    public static void main(String[] args) throws Throwable {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        LargeCrl crl = LargeCrl.generate(1_000_000);
        BigInteger[] good = LargeCrl.goodSample(SAMPLE, new Random(11));
        Object index = IndexAccess.build(crl.der);
        X500Principal issuerName = crl.issuer.getSubjectX500Principal();
        long[][] keys = new long[SAMPLE][];
        for (int k = 0; k < SAMPLE; k++) {
            keys[k] = IndexAccess.key(index, good[k]);
        }
        Path file = Files.write(Files.createTempFile("bench", ".crl"), crl.der);
        try (RevocationChecker certgate = new CrlCheckerProvider()
                .create(new BenchContext(
                        Map.of("sources", file.toUri().toString(), "max-size", "256MiB"), List.of(crl.issuer)))) {
            X509Certificate[] certs = new X509Certificate[CERTS];
            for (int k = 0; k < CERTS; k++) {
                certs[k] = crl.leafWithSerial(good[k]);
            }
            Instant now = Instant.now();
            long[] probe = new long[rounds];
            long[] check = new long[rounds];
            int i = 0;
            for (int r = -WARM_UP_ROUNDS; r < rounds; r++) {
                long t0 = System.nanoTime();
                for (int n = 0; n < BATCH; n++) {
                    sink += IndexAccess.find(index, keys[i++ & (SAMPLE - 1)], issuerName);
                }
                long t1 = System.nanoTime();
                for (int n = 0; n < BATCH; n++) {
                    sink += certgate.check(certs[i++ & (CERTS - 1)], crl.issuer, now)
                                    .isGood()
                            ? 1
                            : 0;
                }
                long t2 = System.nanoTime();
                if (r >= 0) {
                    probe[r] = t1 - t0;
                    check[r] = t2 - t1;
                }
            }
            Arrays.sort(probe);
            Arrays.sort(check);
            for (int percentile : new int[] {5, 10, 25, 50}) {
                int at = percentile * rounds / 100;
                System.out.printf(
                        "p%02d of %d batches: probe %.1f ns, check %.1f ns per call, check/probe %.2f%n",
                        percentile,
                        rounds,
                        probe[at] / (double) BATCH,
                        check[at] / (double) BATCH,
                        check[at] / (double) probe[at]);
            }
        } finally {
            Files.deleteIfExists(file);
        }
        if (sink == 42) {
            System.out.println(); // keeps the loops' results alive
        }
    }
}
