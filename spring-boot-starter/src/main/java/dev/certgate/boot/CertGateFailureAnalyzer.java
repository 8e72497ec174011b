package dev.certgate.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Boot's start-up failure report for a bad certgate configuration: the property, the problem (with
 * the expression's line:column and caret) and where the keys are documented, instead of a stack of
 * bean-creation exceptions.
 */
final class CertGateFailureAnalyzer extends AbstractFailureAnalyzer<CertGateConfigurationException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CertGateConfigurationException cause) {
        String problem = cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage();
        return new FailureAnalysis(
                "certgate's configuration is invalid, so the application must not start"
                        + " (it would run without the protection it was configured for):\n\n" + problem,
                "Fix the property " + cause.property() + " (application.yml / .properties, a profile, an environment"
                        + " variable or another property source). Every certgate key is described in"
                        + " docs/configuration.md and docs/spring-boot.md.",
                cause);
    }
}
