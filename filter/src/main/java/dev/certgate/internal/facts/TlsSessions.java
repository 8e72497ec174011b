package dev.certgate.internal.facts;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import javax.net.ssl.SSLSession;

/**
 * The TLS session behind a request where the container offers one without the Servlet 6.1
 * protocol attribute (Jetty 12 exposes an object with a public {@code sslSession()} method), and
 * the protocol version a cipher suite implies. Found by reflection so that certgate needs no
 * container classes.
 */
final class TlsSessions {
    static final String JETTY_ATTRIBUTE = "org.eclipse.jetty.io.Endpoint.SslSessionData";

    /** The public interface method returning the session, per class of attribute value (null: none). */
    private static final ClassValue<Method> ACCESSOR = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            for (Class<?> i : type.getInterfaces()) {
                try {
                    Method m = i.getMethod("sslSession");
                    if (Modifier.isPublic(i.getModifiers()) && SSLSession.class.isAssignableFrom(m.getReturnType())) {
                        return m;
                    }
                } catch (NoSuchMethodException e) {
                    // not this interface
                }
            }
            return null;
        }
    };

    private TlsSessions() {}

    static SSLSession of(Object attribute) {
        if (attribute == null) {
            return null;
        }
        if (attribute instanceof SSLSession s) {
            return s;
        }
        Method m = ACCESSOR.get(attribute.getClass());
        if (m == null) {
            return null;
        }
        try {
            return (SSLSession) m.invoke(attribute);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** TLS 1.3 for its suites, TLS 1.2 for AEAD and SHA-2 suites of 1.2; empty when the suite fits several versions. */
    static String versionOfSuite(String suite) {
        if (suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")) {
            return "TLSv1.3";
        }
        if (suite.contains("_WITH_")
                && (suite.contains("_GCM_")
                        || suite.contains("CHACHA20")
                        || suite.endsWith("_SHA256")
                        || suite.endsWith("_SHA384"))) {
            return "TLSv1.2";
        }
        return "";
    }
}
