package dev.certgate.bench.revocation;

import dev.certgate.internal.revocation.crl.CrlCheckerProvider;
import dev.certgate.revocation.RevocationChecker;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CRLHolder;

/**
 * Retained heap of a loaded CRL: used heap after full GCs with the loaded object held, minus the
 * same before loading (the DER bytes are dropped before the second measurement).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.certgate.bench.revocation.CrlHeapProbe 1000000</pre>
 */
public final class CrlHeapProbe {

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        LargeCrl crl = LargeCrl.generate(entries);
        Path file = Files.write(Files.createTempFile("heap", ".crl"), crl.der);
        System.out.printf("entries %d, DER %.1f MB%n", entries, crl.der.length / 1e6);
        measure(
                "certgate CrlChecker",
                () -> new CrlCheckerProvider()
                        .create(new BenchContext(
                                Map.of("sources", file.toUri().toString(), "max-size", "256MiB"), List.of(crl.issuer))),
                file);
        measure(
                "JDK X509CRL (after one lookup)",
                () -> {
                    var x = (java.security.cert.X509CRL)
                            CertificateFactory.getInstance("X.509").generateCRL(Files.newInputStream(file));
                    x.getRevokedCertificate(crl.revokedSerial);
                    return x;
                },
                file);
        measure("BC X509CRLHolder", () -> new X509CRLHolder(new ByteArrayInputStream(Files.readAllBytes(file))), file);
        Files.delete(file);
        System.exit(0);
    }

    interface Loader {
        Object load() throws Exception;
    }

    private static void measure(String name, Loader loader, Path file) throws Exception {
        long before = usedAfterGc();
        long start = System.nanoTime();
        Object held = loader.load();
        long millis = (System.nanoTime() - start) / 1_000_000;
        long after = usedAfterGc();
        System.out.printf("%-32s load %6d ms, retained %7.1f MB%n", name, millis, (after - before) / 1e6);
        if (held instanceof RevocationChecker checker) {
            checker.close();
        }
        held = null;
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
