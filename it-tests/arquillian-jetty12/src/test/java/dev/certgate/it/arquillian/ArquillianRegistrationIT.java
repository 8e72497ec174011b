package dev.certgate.it.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.certgate.it.Clients;
import dev.certgate.it.Registration;
import dev.certgate.it.TestWar;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example WAR, rebuilt by ShrinkWrap for each registration mode, deployed by Arquillian's
 * embedded Jetty 12 ee10 adapter (Jetty 12.0.x) and called over HTTPS with client certificates.
 * The deployments share one server, each under its archive name.
 */
@ExtendWith(ArquillianExtension.class)
class ArquillianRegistrationIT {
    @ArquillianResource
    @OperateOnDeployment("webxml")
    private URL webXml;

    @ArquillianResource
    @OperateOnDeployment("auto")
    private URL auto;

    @ArquillianResource
    @OperateOnDeployment("annotation")
    private URL annotation;

    @ArquillianResource
    @OperateOnDeployment("auto-builtin")
    private URL autoBuiltIn;

    @Deployment(name = "webxml", testable = false)
    static WebArchive webXmlDeployment() {
        return war(Registration.WEB_XML).build("webxml");
    }

    @Deployment(name = "auto", testable = false)
    static WebArchive autoDeployment() {
        return war(Registration.AUTO).build("auto");
    }

    @Deployment(name = "annotation", testable = false)
    static WebArchive annotationDeployment() {
        return war(Registration.ANNOTATION).build("annotation");
    }

    @Deployment(name = "auto-builtin", testable = false)
    static WebArchive autoWithoutSmallRyeDeployment() {
        return war(Registration.AUTO).withoutSmallRye().build("auto-builtin");
    }

    @Test
    void declaredInWebXml() throws Exception {
        assertOneCertgateDecides(webXml, "dev.certgate.CertGateFilter", true);
    }

    @Test
    void registeredByTheJarAlthoughWebXmlIsMetadataComplete() throws Exception {
        assertOneCertgateDecides(auto, "dev.certgate.CertGateFilter", true);
    }

    @Test
    void registeredByAnAnnotatedSubclass() throws Exception {
        assertOneCertgateDecides(annotation, "dev.certgate.it.probe.Gate", true);
    }

    @Test
    void registeredByTheJarWithoutAnyMicroProfileConfig() throws Exception {
        assertOneCertgateDecides(autoBuiltIn, "dev.certgate.CertGateFilter", false);
    }

    private static TestWar war(Registration registration) {
        return TestWar.of(registration).properties(Clients.properties(SharedPki.get()));
    }

    /** The adapter reports http:// even with ssl=true: only its port and path are used. */
    private static void assertOneCertgateDecides(URL url, String filterClass, boolean smallRye) throws Exception {
        String contextPath = url.getPath().replaceAll("/$", "");
        Clients clients = new Clients(SharedPki.get(), url.getPort(), contextPath);
        clients.assertCertgateDecides("/api/hello");
        Map<String, String> probe = clients.probe();
        assertEquals("certgate:" + filterClass, probe.get("filters"), "one certgate filter: " + probe);
        assertEquals("6", probe.get("matches"), "each blocked request decided once: " + probe);
        assertEquals(smallRye, probe.get("mpconfig").contains("SmallRye"), "MicroProfile Config: " + probe);
    }
}
