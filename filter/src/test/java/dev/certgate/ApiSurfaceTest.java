package dev.certgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The declared public API (docs/architecture.md, "Public API"). Every signature a user can compile
 * against — the public and protected types and members of the API packages — is rendered from the
 * compiled classes and compared with the committed {@code filter/api/certgate-filter.api}: a change
 * of the API fails here with the difference until that file is updated on purpose
 * ({@code -Dcertgate.api.update=true} rewrites it), so it shows up in review. Every other public
 * type must live under {@code dev.certgate.internal}, and no API signature may name one of those.
 */
class ApiSurfaceTest {
    /** The API packages; everything else public is under {@link #INTERNAL}. */
    static final Set<String> API_PACKAGES = Set.of(
            "dev.certgate",
            "dev.certgate.cli",
            "dev.certgate.ops",
            "dev.certgate.principal",
            "dev.certgate.revocation",
            "dev.certgate.tls");

    static final String INTERNAL = "dev.certgate.internal.";
    private static final Path API_FILE = Path.of("api", "certgate-filter.api");

    @Test
    void apiSignaturesAreTheCommittedOnes() throws IOException {
        String actual = render();
        if (Boolean.getBoolean("certgate.api.update")) {
            Files.createDirectories(API_FILE.getParent());
            Files.writeString(API_FILE, actual, StandardCharsets.UTF_8);
        }
        assertTrue(
                Files.exists(API_FILE),
                API_FILE.toAbsolutePath() + " is missing; run this test with"
                        + " -Dcertgate.api.update=true to write it");
        String expected = Files.readString(API_FILE, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            fail("the public API changed (" + API_FILE + "):\n" + difference(expected, actual)
                    + "\nIf intended (and compatible for users, or announced), rerun with -Dcertgate.api.update=true"
                    + " and commit the file.");
        }
    }

    @Test
    void everyOtherPublicTypeIsInternal() throws IOException {
        List<String> outside = new ArrayList<>();
        for (Class<?> c : compiledTypes()) {
            String pkg = c.getPackageName();
            if (isVisible(c) && !API_PACKAGES.contains(pkg) && !pkg.startsWith(INTERNAL)) {
                outside.add(c.getName());
            }
        }
        assertEquals(
                List.of(),
                outside,
                "public types outside the API packages must move under " + INTERNAL
                        + "* (or become package-private), or their package be declared API in ApiSurfaceTest and docs");
    }

    @Test
    void apiSignaturesNameNoInternalType() throws IOException {
        List<String> leaks = render().lines().filter(l -> l.contains(INTERNAL)).collect(Collectors.toList());
        assertEquals(List.of(), leaks, "API signatures naming internal types");
    }

    @Test
    void theRenderingSeesWhatItMustSee() throws IOException {
        String api = render();
        // A check that reads nothing would always pass: these are known parts of the API.
        assertTrue(api.contains("class dev.certgate.CertGateFilter"), api);
        assertTrue(api.contains("interface dev.certgate.revocation.RevocationCheckerProvider"), api);
        assertFalse(api.contains("dev.certgate.BlockResponses"), "package-private types are not API");
        assertTrue(compiledTypes().stream().anyMatch(c -> c.getName().startsWith(INTERNAL)), "internal types found");
    }

    /** One line per API type and per visible member, types sorted by name, members sorted within. */
    static String render() throws IOException {
        StringBuilder out = new StringBuilder();
        for (Class<?> c : compiledTypes()) {
            if (!API_PACKAGES.contains(c.getPackageName()) || !isVisible(c)) {
                continue;
            }
            out.append(header(c)).append('\n');
            Set<String> members = new TreeSet<>();
            for (Field f : c.getDeclaredFields()) {
                if (visible(f)) {
                    members.add("  field " + f.toGenericString().replace(c.getName() + ".", ""));
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (visible(k) && !(c.isEnum())) {
                    members.add("  new " + k.toGenericString());
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (visible(m) && !m.isBridge()) {
                    members.add("  method " + m.toGenericString().replace(c.getName() + ".", ""));
                }
            }
            members.forEach(m -> out.append(m).append('\n'));
        }
        return out.toString();
    }

    private static String header(Class<?> c) {
        String kind = c.isAnnotation()
                ? "@interface"
                : c.isInterface() ? "interface" : c.isEnum() ? "enum" : c.isRecord() ? "record" : "class";
        int mods = c.getModifiers()
                & (Modifier.PUBLIC
                        | Modifier.PROTECTED
                        | Modifier.STATIC
                        | (c.isInterface() || c.isEnum() || c.isRecord() ? 0 : Modifier.ABSTRACT | Modifier.FINAL));
        StringBuilder h = new StringBuilder(Modifier.toString(mods))
                .append(' ')
                .append(kind)
                .append(' ')
                .append(c.getName());
        if (c.getTypeParameters().length > 0) {
            h.append(Arrays.stream(c.getTypeParameters())
                    .map(t -> t.getTypeName())
                    .collect(Collectors.joining(",", "<", ">")));
        }
        if (c.getGenericSuperclass() != null && c.getSuperclass() != Object.class && !c.isEnum() && !c.isRecord()) {
            h.append(" extends ").append(c.getGenericSuperclass().getTypeName());
        }
        if (c.getGenericInterfaces().length > 0) {
            h.append(c.isInterface() ? " extends " : " implements ")
                    .append(Arrays.stream(c.getGenericInterfaces())
                            .map(t -> t.getTypeName())
                            .collect(Collectors.joining(", ")));
        }
        if (c.isSealed()) {
            h.append(" permits ")
                    .append(Arrays.stream(c.getPermittedSubclasses())
                            .map(Class::getName)
                            .collect(Collectors.joining(", ")));
        }
        return h.toString();
    }

    private static boolean visible(Member m) {
        return !m.isSynthetic() && (Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers()));
    }

    /** Public or protected, and so is every enclosing type. */
    private static boolean isVisible(Class<?> c) {
        for (Class<?> t = c; t != null; t = t.getEnclosingClass()) {
            int m = t.getModifiers();
            if (t.isAnonymousClass()
                    || t.isLocalClass()
                    || t.isSynthetic()
                    || !(Modifier.isPublic(m) || Modifier.isProtected(m))) {
                return false;
            }
        }
        return true;
    }

    /** Every class compiled from filter/src/main/java, by name (not initialised: loading runs no code). */
    static List<Class<?>> compiledTypes() throws IOException {
        Path classes;
        try {
            classes = Path.of(CertGateFilter.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        assertTrue(Files.isDirectory(classes), "expected the compiled classes directory, not " + classes);
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.filter(p -> p.toString().endsWith(".class") && !p.endsWith("module-info.class"))
                    .map(p -> classes.relativize(p)
                            .toString()
                            .replace(p.getFileSystem().getSeparator(), "."))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .sorted()
                    .collect(Collectors.toList());
        }
        List<Class<?>> types = new ArrayList<>();
        for (String n : names) {
            try {
                types.add(Class.forName(n, false, ApiSurfaceTest.class.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                // A class needing an optional library (Micrometer, OpenTelemetry) absent here: never API.
                if (API_PACKAGES.contains(n.substring(0, Math.max(0, n.lastIndexOf('.'))))) {
                    throw new AssertionError("cannot load API class " + n, e);
                }
            }
        }
        return types;
    }

    /** The lines only in one of the two texts, in the order of the texts. */
    private static String difference(String expected, String actual) {
        Set<String> was = new LinkedHashSet<>(expected.lines().collect(Collectors.toList()));
        Set<String> now = new LinkedHashSet<>(actual.lines().collect(Collectors.toList()));
        StringBuilder d = new StringBuilder();
        was.stream()
                .filter(l -> !now.contains(l))
                .forEach(l -> d.append("- ").append(l).append('\n'));
        now.stream()
                .filter(l -> !was.contains(l))
                .forEach(l -> d.append("+ ").append(l).append('\n'));
        return d.length() == 0 ? "(same lines, different order)" : d.toString();
    }
}
