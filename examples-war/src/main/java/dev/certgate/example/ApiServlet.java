package dev.certgate.example;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;

/**
 * The example API: {@code GET /api/hello} and {@code GET /api/whoami} (the client certificate's
 * subject as the application sees it). certgate has already decided whether the request may come in.
 */
public class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        switch (path) {
            case "/hello" -> Json.write(response, 200, "{\"message\":\"hello, authenticated client\"}");
            case "/whoami" -> Json.write(response, 200, "{\"subject\":" + Json.quote(subject(request)) + "}");
            default -> Json.write(response, 404, "{\"error\":\"not found\"}");
        }
    }

    private static String subject(HttpServletRequest request) {
        Object chain = request.getAttribute("jakarta.servlet.request.X509Certificate");
        if (chain instanceof X509Certificate[] certs && certs.length > 0) {
            return certs[0].getSubjectX500Principal().getName();
        }
        return "";
    }
}
