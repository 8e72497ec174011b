package dev.certgate.it;

/** The three ways certgate gets into an application (docs/deployment.md). */
public enum Registration {
    /** The example's web.xml declares the filter {@code certgate}; the jar's initializer backs off. */
    WEB_XML,
    /** No declaration: the jar's ServletContainerInitializer registers it (web.xml is metadata-complete). */
    AUTO,
    /** A one-line {@code @WebFilter(filterName = "certgate")} subclass in the application's classes. */
    ANNOTATION
}
