package dev.certgate.bench.revocation;

import dev.certgate.internal.revocation.ocsp.OcspCheckerProvider;
import dev.certgate.revocation.RevocationChecker;
import dev.certgate.revocation.RevocationStatus;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
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
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=Bench OCSP CA");
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
        issuer = new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                name,
                                BigInteger.ONE,
                                Date.from(now.minusSeconds(3600)),
                                Date.from(now.plusSeconds(86400)),
                                name,
                                keys.getPublic())
                        .build(signer));
        leaf = new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                name,
                                BigInteger.TEN,
                                Date.from(now.minusSeconds(3600)),
                                Date.from(now.plusSeconds(86400)),
                                new X500Name("CN=leaf"),
                                keys.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        CertificateID id = new CertificateID(
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(issuer),
                leaf.getSerialNumber());
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(name));
        builder.addResponse(
                id, CertificateStatus.GOOD, Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(86400)), null);
        byte[] response = new OCSPRespBuilder()
                .build(
                        OCSPRespBuilder.SUCCESSFUL,
                        builder.build(
                                new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()),
                                null,
                                Date.from(now)))
                .getEncoded();
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
