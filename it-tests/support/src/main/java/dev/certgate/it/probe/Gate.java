package dev.certgate.it.probe;

import jakarta.servlet.annotation.WebFilter;

/** The annotation registration mode exactly as docs/deployment.md shows it. */
@WebFilter(filterName = "certgate", urlPatterns = "/*", asyncSupported = true)
public class Gate extends dev.certgate.CertGateFilter {
    private static final long serialVersionUID = 1L;
}
