package dev.certgate.bench.load;

import dev.certgate.internal.facts.ClientCertificate;
import dev.certgate.internal.facts.ClientCertificateResolver;
import dev.certgate.internal.revocation.RevocationPolicy;
import dev.certgate.internal.trust.ChainVerifier;
import dev.certgate.internal.trust.TrustAnchors;
import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of a chain seen for the first time (certificate churn), per chain, for the load run's
 * PKI (EC P-256 leaf and issuing CA, root as the anchor). Every operation parses a fresh copy of
 * the next chain from DER, as a TLS handshake does, so that no certificate object carries a
 * remembered signature check from an earlier operation; {@link #parseOnly} measures that parse
 * alone. Compared: the JDK's client trust manager (what the container runs in the handshake in
 * case A), certgate's whole first-sight path (resolver: shared issuers, direct path or PKIX,
 * cache entry), certgate's verifier alone, and the JDK's PKIX builder (certgate's path before the
 * direct path).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class NewChainBenchmark {
    @Param("20000")
    public int chains;

    private byte[][] leaves;
    private byte[] issuing;
    private X509Certificate root;
    private CertificateFactory factory;
    private X509TrustManager jdk;
    private ChainVerifier verifier;
    private ClientCertificateResolver resolver;
    private Instant now;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Pki pki = new Pki();
        List<Pki.Identity> pool = pki.rotating(chains);
        leaves = new byte[chains][];
        for (int i = 0; i < chains; i++) {
            leaves[i] = pool.get(i).chain()[0].getEncoded();
        }
        issuing = pki.issuing.certificate().getEncoded();
        root = pki.root.certificate();
        factory = CertificateFactory.getInstance("X.509");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("root", root);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ks);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                jdk = x;
            }
        }
        verifier = new ChainVerifier(TrustAnchors.of(List.of(root), "bench"));
        // A cache far smaller than the pool: when the pool comes round again, every chain has long
        // been evicted, so every operation is a first sight (as with 100,000 clients and 10,000 entries).
        resolver = new ClientCertificateResolver(verifier, RevocationPolicy.none(), false, chains / 20);
        now = Instant.now();
        // Every verdict must be a success, or the comparison is of failures.
        X509Certificate[] first = nextChain();
        jdk.checkClientTrusted(first, "EC");
        if (!verifier.verify(first, now).verified()
                || !resolver.resolve(nextChain(), now).verified()) {
            throw new IllegalStateException("certgate does not verify the benchmark chain");
        }
        pkixBuilder(nextChain());
    }

    private X509Certificate[] nextChain() throws Exception {
        int i = next++;
        if (next == chains) {
            next = 0;
        }
        return new X509Certificate[] {
            (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(leaves[i])),
            (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(issuing))
        };
    }

    @Benchmark
    public X509Certificate[] parseOnly() throws Exception {
        return nextChain();
    }

    @Benchmark
    public X509Certificate[] jdkTrustManager() throws Exception {
        X509Certificate[] chain = nextChain();
        jdk.checkClientTrusted(chain, "EC");
        return chain;
    }

    @Benchmark
    public ClientCertificate certgateResolver() throws Exception {
        return resolver.resolve(nextChain(), now);
    }

    @Benchmark
    public boolean certgateVerifier() throws Exception {
        return verifier.verify(nextChain(), now).verified();
    }

    @Benchmark
    public Object jdkPkixBuilder() throws Exception {
        return pkixBuilder(nextChain());
    }

    private Object pkixBuilder(X509Certificate[] chain) throws Exception {
        X509CertSelector target = new X509CertSelector();
        target.setCertificate(chain[0]);
        PKIXBuilderParameters params = new PKIXBuilderParameters(Set.of(new TrustAnchor(root, null)), target);
        params.setRevocationEnabled(false);
        params.setDate(Date.from(now));
        params.addCertStore(CertStore.getInstance(
                "Collection", new CollectionCertStoreParameters(new ArrayList<>(List.of(chain)))));
        return CertPathBuilder.getInstance("PKIX").build(params);
    }
}
