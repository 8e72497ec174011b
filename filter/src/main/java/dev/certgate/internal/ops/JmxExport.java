package dev.certgate.internal.ops;

import dev.certgate.ops.CertGateMXBean;
import dev.certgate.ops.Metric;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Registers the {@link CertGateMXBean} of one filter on the platform MBean server (JDK only). */
final class JmxExport implements CertGateMXBean {
    private static final Logger LOG = System.getLogger("dev.certgate");
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Operations ops;
    private final ObjectName name;

    private JmxExport(Operations ops, ObjectName name) {
        this.ops = ops;
        this.name = name;
    }

    /** Null when registration fails (logged): JMX is an aid, never a reason not to start. */
    static JmxExport register(Operations ops) {
        try {
            ObjectName name = new ObjectName("dev.certgate:type=CertGate,instance=" + INSTANCES.incrementAndGet());
            JmxExport bean = new JmxExport(ops, name);
            ManagementFactory.getPlatformMBeanServer().registerMBean(bean, name);
            LOG.log(
                    Level.INFO,
                    () -> "certgate: JMX MBean " + name + " (" + dev.certgate.internal.settings.Keys.JMX_ENABLED.name()
                            + "=false turns it off)");
            return bean;
        } catch (JMException | SecurityException e) {
            LOG.log(Level.WARNING, "certgate: JMX MBean not registered: " + e);
            return null;
        }
    }

    ObjectName name() {
        return name;
    }

    void unregister() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException e) {
            LOG.log(Level.DEBUG, "certgate: JMX MBean not unregistered: " + e);
        }
    }

    @Override
    public long getPolicyVersion() {
        return ops.holder().loaded().version();
    }

    @Override
    public String getPolicyLoadedAt() {
        return ops.holder().loaded().loadedAt().toString();
    }

    @Override
    public long getReloadsOk() {
        return (long) ops.metrics().value("certgate_reloads_total", Map.of("result", "ok"));
    }

    @Override
    public long getReloadsFailed() {
        return (long) ops.metrics().value("certgate_reloads_total", Map.of("result", "failed"));
    }

    @Override
    public String getLastReloadError() {
        List<ReloadError> errors = ops.reloadErrors();
        return errors.isEmpty()
                ? ""
                : errors.get(0).time() + " " + errors.get(0).message();
    }

    @Override
    public Map<String, Double> getMetrics() {
        Map<String, Double> out = new TreeMap<>();
        for (Metric m : ops.metrics().snapshot()) {
            out.put(m.key(), m.value());
        }
        return out;
    }

    @Override
    public String reload() {
        Operations.ReloadResult r = ops.reload("jmx");
        return r.error() == null
                ? r.outcome() + ", version " + r.version()
                : "refused, version " + r.version() + " stays: " + r.error().message();
    }
}
