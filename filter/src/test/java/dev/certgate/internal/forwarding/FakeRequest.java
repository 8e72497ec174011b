package dev.certgate.internal.forwarding;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Just enough of a request for the header readers' unit tests (peer address and header lines);
 * everything else throws, so a reader that needs more is noticed. End-to-end behaviour is tested
 * against a real Jetty.
 */
final class FakeRequest {
    private final String peer;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();

    FakeRequest(String peer, Map<String, List<String>> headers) {
        this.peer = peer;
        headers.forEach((k, v) -> this.headers.put(k.toLowerCase(Locale.ROOT), v));
    }

    HttpServletRequest proxy() {
        return (HttpServletRequest) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (p, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> peer;
                    case "getHeaders" ->
                        Collections.enumeration(
                                headers.getOrDefault(((String) args[0]).toLowerCase(Locale.ROOT), List.of()));
                    case "getHeader" -> {
                        List<String> v = headers.getOrDefault(((String) args[0]).toLowerCase(Locale.ROOT), List.of());
                        yield v.isEmpty() ? null : v.get(0);
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
