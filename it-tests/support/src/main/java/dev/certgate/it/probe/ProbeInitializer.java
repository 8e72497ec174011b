package dev.certgate.it.probe;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.Set;

/**
 * Adds the probe servlets to a test WAR from its own jar, so the application's web.xml (the
 * example's, untouched in web.xml mode, or metadata-complete) needs no change for them.
 */
public class ProbeInitializer implements ServletContainerInitializer {
    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        context.addServlet("certgate-probe", ProbeServlet.class).addMapping("/probe");
        ServletRegistration.Dynamic dispatch = context.addServlet("certgate-dispatch", DispatchServlet.class);
        dispatch.setAsyncSupported(true);
        dispatch.addMapping("/dispatch/*");
    }
}
