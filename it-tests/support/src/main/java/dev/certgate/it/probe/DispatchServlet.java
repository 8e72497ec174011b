package dev.certgate.it.probe;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /dispatch/forward|include|async|error}: sends the request on to {@code /health}
 * by a FORWARD, INCLUDE or ASYNC dispatch, or into an ERROR dispatch (the error page is
 * {@code /health} in the test web.xml), so tests can see whether certgate decides again.
 */
public class DispatchServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String TARGET = "/health";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String how = request.getPathInfo() == null ? "" : request.getPathInfo();
        switch (how) {
            case "/forward" -> request.getRequestDispatcher(TARGET).forward(request, response);
            case "/include" -> request.getRequestDispatcher(TARGET).include(request, response);
            case "/async" -> {
                AsyncContext async = request.startAsync();
                async.dispatch(TARGET);
            }
            case "/error" -> response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
