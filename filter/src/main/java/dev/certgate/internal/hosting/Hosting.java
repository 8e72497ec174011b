package dev.certgate.internal.hosting;

import dev.certgate.internal.config.ConfigException;
import dev.certgate.internal.config.PropertySource;
import dev.certgate.internal.ops.Operations;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.Set;

/**
 * How the project's own hosts (the Spring Boot starter) make a certgate filter around operations
 * they started themselves, without that constructor being public API: {@code CertGateFilter}
 * installs the {@link Access} when its class is initialised. Not API; may change in any release.
 */
public final class Hosting {
    /** Implemented by {@code dev.certgate}, which alone can call the filter's hosted constructor. */
    public interface Access {
        Filter filter(Operations operations);

        Set<DispatcherType> dispatchers(PropertySource source) throws ConfigException;
    }

    private static volatile Access access;

    private Hosting() {}

    /** Called once, by {@code CertGateFilter}'s class initialisation. */
    public static synchronized void install(Access a) {
        if (access != null) {
            throw new IllegalStateException("certgate: hosting access installed twice");
        }
        access = a;
    }

    /**
     * A {@code CertGateFilter} running {@code operations}, which the caller started and also closes
     * (the filter does not). Cast it to {@code dev.certgate.CertGateFilter} where the type matters.
     */
    public static Filter filter(Operations operations) {
        return access().filter(operations);
    }

    /** The dispatcher types certgate is mapped for ({@code certgate.dispatchers}, REQUEST by default). */
    public static Set<DispatcherType> dispatchers(PropertySource source) throws ConfigException {
        return access().dispatchers(source);
    }

    private static Access access() {
        Access a = access;
        if (a == null) {
            try {
                // Initialising the filter class installs the access.
                Class.forName("dev.certgate.CertGateFilter", true, Hosting.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("certgate: CertGateFilter not found", e);
            }
            a = access;
        }
        return a;
    }
}
