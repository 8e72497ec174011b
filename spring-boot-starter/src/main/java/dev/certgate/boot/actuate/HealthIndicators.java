package dev.certgate.boot.actuate;

import dev.certgate.boot.BootTypes;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;

/**
 * {@link CertGateHealth} as the health indicator of the running Boot: Boot 4 moved
 * {@code HealthIndicator} and {@code Health} from {@code org.springframework.boot.actuate.health} to
 * {@code org.springframework.boot.health.contributor}, with the same shape ({@code health()} returning
 * {@code Health.status(..).withDetails(..).build()}), so the indicator is a proxy of whichever
 * interface is present and builds that generation's {@code Health}.
 */
final class HealthIndicators {
    private HealthIndicators() {}

    /** The indicator interface of the running Boot, if Actuator's health is on the class path. */
    static Optional<Class<?>> type(ClassLoader loader) {
        return BootTypes.first(loader, BootTypes.HEALTH_INDICATOR);
    }

    static Object create(Class<?> indicatorType, CertGateHealth health) {
        Class<?> healthType = sibling(indicatorType, "Health");
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "certgate health indicator";
                };
            }
            if (method.getName().equals("health") && method.getParameterCount() == 0) {
                return build(healthType, health.check());
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            throw new UnsupportedOperationException(method.toString());
        };
        return Proxy.newProxyInstance(indicatorType.getClassLoader(), new Class<?>[] {indicatorType}, handler);
    }

    private static Object build(Class<?> healthType, CertGateHealth.Result result) throws ReflectiveOperationException {
        Object builder = healthType.getMethod("status", String.class).invoke(null, result.status());
        Method withDetails = builder.getClass().getMethod("withDetails", java.util.Map.class);
        withDetails.invoke(builder, result.details());
        return builder.getClass().getMethod("build").invoke(builder);
    }

    private static Class<?> sibling(Class<?> type, String simpleName) {
        try {
            return Class.forName(type.getPackageName() + "." + simpleName, false, type.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("certgate: " + type.getName() + " without its " + simpleName, e);
        }
    }
}
