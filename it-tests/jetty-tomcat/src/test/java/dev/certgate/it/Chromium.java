package dev.certgate.it;

import dev.certgate.internal.json.JsonReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Debian's headless Chromium driven through chromedriver's W3C WebDriver endpoint, with nothing but
 * the JDK's HTTP client: open a page, find elements, type, click, read the rendered DOM, take a
 * screenshot. Started with the flags that work on a machine without network access.
 */
final class Chromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

    private final Process driver;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String session;

    /** Fails with what to install when the binaries are missing. */
    static void requireInstalled() {
        for (Path p : List.of(CHROMIUM, DRIVER)) {
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException(p + " not found: the browser tests (-Pbrowser) need Debian's"
                        + " Chromium and ChromeDriver: apt-get install -y chromium chromium-driver"
                        + " (or point -Dbrowser.chromium / -Dbrowser.chromedriver at them)");
            }
        }
    }

    Chromium(Path userDataDir, Path log) throws IOException, InterruptedException {
        requireInstalled();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        driver = new ProcessBuilder(DRIVER.toString(), "--port=" + port, "--log-path=" + log)
                .redirectErrorStream(true)
                .redirectOutput(log.resolveSibling("chromedriver.out").toFile())
                .start();
        base = "http://127.0.0.1:" + port;
        try {
            waitUntilReady();
            session = newSession(userDataDir);
        } catch (IOException | InterruptedException | RuntimeException e) {
            driver.destroy();
            throw e;
        }
    }

    private String newSession(Path userDataDir) throws IOException, InterruptedException {
        String args = String.join(
                ",",
                List.of(
                        "\"--headless\"",
                        "\"--no-sandbox\"",
                        "\"--disable-gpu\"",
                        "\"--disable-quic\"",
                        "\"--no-first-run\"",
                        "\"--disable-background-networking\"",
                        "\"--disable-component-update\"",
                        "\"--disable-sync\"",
                        "\"--ignore-certificate-errors\"",
                        "\"--window-size=1280,1600\"",
                        json("--user-data-dir=" + userDataDir)));
        Map<?, ?> created = call(
                "POST",
                "/session",
                "{\"capabilities\":{\"alwaysMatch\":{\"browserName\":\"chrome\","
                        + "\"goog:chromeOptions\":{\"binary\":" + json(CHROMIUM.toString()) + ",\"args\":[" + args
                        + "]}}}}");
        return (String) ((Map<?, ?>) created.get("value")).get("sessionId");
    }

    private void waitUntilReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Map<?, ?> status = call("GET", "/status", null);
                if (Boolean.TRUE.equals(((Map<?, ?>) status.get("value")).get("ready"))) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("chromedriver did not start on " + base);
    }

    void open(String url) throws IOException, InterruptedException {
        command("POST", "/url", "{\"url\":" + json(url) + "}");
    }

    String title() throws IOException, InterruptedException {
        return (String) command("GET", "/title", null);
    }

    /** The element's id for later commands; fails when the page has no such element. */
    String find(String css) throws IOException, InterruptedException {
        Object value = command("POST", "/element", "{\"using\":\"css selector\",\"value\":" + json(css) + "}");
        return (String) ((Map<?, ?>) value).get(ELEMENT);
    }

    int count(String css) throws IOException, InterruptedException {
        return ((List<?>) command("POST", "/elements", "{\"using\":\"css selector\",\"value\":" + json(css) + "}"))
                .size();
    }

    String text(String css) throws IOException, InterruptedException {
        return (String) command("GET", "/element/" + find(css) + "/text", null);
    }

    void type(String css, String text) throws IOException, InterruptedException {
        String element = find(css);
        command("POST", "/element/" + element + "/clear", "{}");
        command("POST", "/element/" + element + "/value", "{\"text\":" + json(text) + "}");
    }

    void click(String css) throws IOException, InterruptedException {
        command("POST", "/element/" + find(css) + "/click", "{}");
    }

    /**
     * Clicks a submit button and returns once the answer page has replaced the current one. A bare
     * click may return before the navigation: the next lookup would then find the old page's
     * element (with the previous answer's text) or one that goes stale while it is read.
     */
    void submit(String css) throws IOException, InterruptedException {
        String oldPage = find("html");
        click(css);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (isAttached(oldPage)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("clicking " + css + " did not load a new page within 30 s");
            }
            Thread.sleep(50);
        }
        while (!"complete".equals(script("return document.readyState"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the page after " + css + " did not finish loading within 30 s");
            }
            Thread.sleep(50);
        }
    }

    private boolean isAttached(String element) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + "/session/" + session + "/element/" + element + "/name"))
                        .timeout(Duration.ofSeconds(60))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
            return true;
        }
        if (r.body().contains("stale element reference") || r.body().contains("no such element")) {
            return false;
        }
        throw new IllegalStateException(
                "WebDriver element/" + element + "/name answered " + r.statusCode() + ": " + r.body());
    }

    /** Runs a script in the page and returns its result. */
    Object script(String body) throws IOException, InterruptedException {
        return command("POST", "/execute/sync", "{\"script\":" + json(body) + ",\"args\":[]}");
    }

    void screenshot(Path png) throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        Files.write(png, Base64.getDecoder().decode((String) command("GET", "/screenshot", null)));
    }

    private Object command(String method, String path, String body) throws IOException, InterruptedException {
        return call(method, "/session/" + session + path, body).get("value");
    }

    private Map<?, ?> call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json; charset=utf-8");
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        Map<?, ?> answer = (Map<?, ?>) JsonReader.parse(r.body());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(
                    "WebDriver " + method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return answer;
    }

    static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                call("DELETE", "/session/" + session, null);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the driver goes anyway
        } finally {
            driver.destroy();
        }
    }
}
