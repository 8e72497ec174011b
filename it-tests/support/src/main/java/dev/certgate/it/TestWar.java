package dev.certgate.it;

import dev.certgate.it.probe.DispatchServlet;
import dev.certgate.it.probe.Gate;
import dev.certgate.it.probe.ProbeInitializer;
import dev.certgate.it.probe.ProbeServlet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A variant of the example WAR as built (its servlets and its WEB-INF/lib), made with ShrinkWrap:
 * the registration mode, with or without SmallRye Config, test properties instead of the packaged
 * ones, and a probe jar (servlets added by its own initializer) that reports what really runs.
 */
public final class TestWar {
    /** What stays in WEB-INF/lib when the application brings no MicroProfile Config implementation. */
    private static final List<String> CORE_LIBS = List.of("certgate-filter-", "bcprov-", "bcpkix-", "bcutil-", "re2j-");

    private static final String CONFIG = "/WEB-INF/classes/META-INF/microprofile-config.properties";

    private final Path exampleWar;
    private final Registration registration;
    private boolean smallRye = true;
    private boolean metadataComplete;
    private String properties = "";
    private final List<String> webXmlExtras = new ArrayList<>();

    private TestWar(Path exampleWar, Registration registration) {
        this.exampleWar = exampleWar;
        this.registration = registration;
        this.metadataComplete = registration == Registration.AUTO;
    }

    /** The example WAR named by the {@code it.war} system property. */
    public static TestWar of(Registration registration) {
        Path war = Path.of(System.getProperty("it.war", "../../examples-war/target/certgate-example.war"));
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException("build the example WAR first: " + war.toAbsolutePath());
        }
        return new TestWar(war, registration);
    }

    /** Leaves SmallRye Config and the MicroProfile Config API out: certgate's built-in reader is used. */
    public TestWar withoutSmallRye() {
        this.smallRye = false;
        return this;
    }

    /** Whether web.xml says metadata-complete (AUTO's default: the initializer must run even so). */
    public TestWar metadataComplete(boolean metadataComplete) {
        this.metadataComplete = metadataComplete;
        return this;
    }

    /** The application's META-INF/microprofile-config.properties (replaces the example's). */
    public TestWar properties(String properties) {
        this.properties = properties;
        return this;
    }

    /** XML inserted into web.xml (context-params, error pages, ordering); not in WEB_XML mode. */
    public TestWar webXml(String xml) {
        if (registration == Registration.WEB_XML) {
            throw new IllegalStateException("WEB_XML mode deploys the example's web.xml unchanged");
        }
        webXmlExtras.add(xml);
        return this;
    }

    public WebArchive build(String name) {
        WebArchive example = ShrinkWrap.createFromZipFile(WebArchive.class, exampleWar.toFile());
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war").merge(example);
        war.delete(CONFIG);
        war.add(new StringAsset(properties), CONFIG);
        if (!smallRye) {
            for (ArchivePath lib : Set.copyOf(
                    war.getContent(p -> p.get().startsWith("/WEB-INF/lib/")).keySet())) {
                String file = lib.get().substring("/WEB-INF/lib/".length());
                if (CORE_LIBS.stream().noneMatch(file::startsWith)) {
                    war.delete(lib);
                }
            }
        }
        if (registration != Registration.WEB_XML) {
            String webXml = example.get("/WEB-INF/web.xml").getAsset() == null ? "" : read(example);
            war.delete("/WEB-INF/web.xml");
            war.setWebXML(new StringAsset(withoutCertGate(webXml, metadataComplete)));
        }
        if (registration == Registration.ANNOTATION) {
            war.addClass(Gate.class);
        }
        war.addAsLibrary(probeJar());
        return war;
    }

    /** Writes the WAR to {@code dir/name.war}. */
    public Path export(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".war");
        build(name).as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    /** The example's web.xml without its certgate declaration, metadata-complete if asked. */
    private String withoutCertGate(String webXml, boolean metadataComplete) {
        String xml = webXml.replaceAll("(?s)\\s*<!-- certgate:.*?-->", "")
                .replaceAll("(?s)\\s*<filter>.*?</filter>", "")
                .replaceAll("(?s)\\s*<filter-mapping>.*?</filter-mapping>", "");
        if (xml.contains("<filter")) {
            throw new IllegalStateException("the example's web.xml changed shape: " + xml);
        }
        if (metadataComplete) {
            xml = xml.replaceFirst("version=\"6.0\">", "version=\"6.0\" metadata-complete=\"true\">");
        }
        return xml.replace("</web-app>", String.join("\n", webXmlExtras) + "\n</web-app>");
    }

    private static String read(WebArchive war) {
        try (var in = war.get("/WEB-INF/web.xml").getAsset().openStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The probe servlets in a jar of their own, named so an absolute ordering can keep it. */
    private static JavaArchive probeJar() {
        return ShrinkWrap.create(JavaArchive.class, "certgate-probe.jar")
                .addClasses(ProbeInitializer.class, ProbeServlet.class, DispatchServlet.class)
                .addAsServiceProvider(jakarta.servlet.ServletContainerInitializer.class, ProbeInitializer.class)
                .addAsManifestResource(new StringAsset("""
                        <web-fragment xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0" metadata-complete="true">
                          <name>certgate-probe</name>
                        </web-fragment>
                        """), "web-fragment.xml");
    }
}
