package dev.certgate.internal.revocation;

import dev.certgate.revocation.RevocationCheckerProvider;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** The {@link RevocationCheckerProvider}s on the class path, found by name. */
final class Providers {

    private Providers() {}

    static Optional<RevocationCheckerProvider> find(String name) {
        for (RevocationCheckerProvider provider : load()) {
            if (provider.name().equals(name)) {
                return Optional.of(provider);
            }
        }
        return Optional.empty();
    }

    static List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        load().forEach(p -> names.add(p.name()));
        return List.copyOf(names);
    }

    private static Iterable<RevocationCheckerProvider> load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Providers.class.getClassLoader();
        }
        // The context loader sees a web app's own providers; fall back to ours for the built-ins.
        ServiceLoader<RevocationCheckerProvider> services = ServiceLoader.load(RevocationCheckerProvider.class, loader);
        if (services.stream().findAny().isEmpty()) {
            services = ServiceLoader.load(RevocationCheckerProvider.class, Providers.class.getClassLoader());
        }
        return services;
    }
}
