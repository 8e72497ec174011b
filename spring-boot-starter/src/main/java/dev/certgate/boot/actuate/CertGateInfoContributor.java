package dev.certgate.boot.actuate;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/** {@code /actuator/info} → {@code certgate}: the mode, and per host group its names, anchors (subject, expiry) and rule ids. */
final class CertGateInfoContributor implements InfoContributor {
    private final PolicyView view;
    private final Clock clock;

    CertGateInfoContributor(PolicyView view, Clock clock) {
        this.view = view;
        this.clock = clock;
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> certgate = new LinkedHashMap<>();
        certgate.put("mode", view.policy().reportOnly() ? "report-only" : "enforce");
        certgate.put("policyVersion", view.operations().holder().loaded().version());
        certgate.put("hostGroups", view.describe(clock.instant()));
        builder.withDetail("certgate", certgate);
    }
}
