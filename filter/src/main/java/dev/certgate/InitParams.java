package dev.certgate;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** The init-params of a filter and the context-params of an application, as plain maps for the config layer. */
final class InitParams {
    private InitParams() {}

    static Map<String, String> of(FilterConfig config) {
        Map<String, String> map = new HashMap<>();
        if (config != null) {
            for (String name : Collections.list(config.getInitParameterNames())) {
                map.put(name, config.getInitParameter(name));
            }
        }
        return map;
    }

    static Map<String, String> of(ServletContext context) {
        Map<String, String> map = new HashMap<>();
        for (String name : Collections.list(context.getInitParameterNames())) {
            map.put(name, context.getInitParameter(name));
        }
        return map;
    }

    /** The application's class loader, which sees WEB-INF/classes and WEB-INF/lib (and their config files). */
    static ClassLoader classLoader(ServletContext context) {
        return context.getClassLoader() != null
                ? context.getClassLoader()
                : Thread.currentThread().getContextClassLoader();
    }
}
