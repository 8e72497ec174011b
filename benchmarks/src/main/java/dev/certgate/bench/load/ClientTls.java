package dev.certgate.bench.load;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The load generator's TLS: one {@link SSLContext} whose key manager presents, for each new
 * connection, the identity its thread chose just before the handshake (or none). The server's
 * certificate is not checked (loopback only). TLS session resumption is avoided by giving every
 * connection its own session-cache key (peer name) (see {@link LoadClient}), so every new connection is a
 * full handshake with exactly the certificate the thread meant to send.
 */
final class ClientTls {
    private static final ThreadLocal<Pki.Identity> CURRENT = new ThreadLocal<>();
    private final SSLSocketFactory factory;

    ClientTls() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(
                    new KeyManager[] {new ThreadIdentityKeyManager()},
                    new TrustManager[] {new TrustAll()},
                    new SecureRandom());
            ctx.getClientSessionContext().setSessionCacheSize(1);
            factory = ctx.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    SSLSocketFactory factory() {
        return factory;
    }

    /** The identity the calling thread's next handshake presents (null: no certificate). */
    static void use(Pki.Identity identity) {
        CURRENT.set(identity);
    }

    private static final class ThreadIdentityKeyManager extends X509ExtendedKeyManager {
        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            Pki.Identity id = CURRENT.get();
            return id == null ? null : id.alias();
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return chooseClientAlias(keyType, issuers, null);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            Pki.Identity id = CURRENT.get();
            return id != null && id.alias().equals(alias) ? id.chain().clone() : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            Pki.Identity id = CURRENT.get();
            return id != null && id.alias().equals(alias) ? id.key() : null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }

    private static final class TrustAll extends X509ExtendedTrustManager {
        private static final X509Certificate[] NONE = new X509Certificate[0];

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return NONE;
        }
    }
}
