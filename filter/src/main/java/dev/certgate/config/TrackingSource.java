package dev.certgate.config;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Remembers which names were read, so that unknown {@code certgate.*} keys (typos) can be reported. */
final class TrackingSource implements PropertySource {
    static final String PREFIX = "certgate.";

    private final PropertySource delegate;
    private final Set<String> read = ConcurrentHashMap.newKeySet();

    TrackingSource(PropertySource delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<String> get(String name) {
        read.add(name);
        return delegate.get(name).map(String::strip).filter(v -> !v.isEmpty());
    }

    @Override
    public Set<String> names() {
        return delegate.names();
    }

    @Override
    public String description() {
        return delegate.description();
    }

    /** {@code certgate.*} names present in the source that nothing asked for. */
    Set<String> unknownNames() {
        Set<String> unknown = new TreeSet<>();
        for (String name : delegate.names()) {
            if (name.startsWith(PREFIX) && !read.contains(name)) {
                unknown.add(name);
            }
        }
        return unknown;
    }
}
