package dev.certgate.it.proxies;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A real proxy binary run in the foreground for the tests, its output in a log file under target/. */
final class ProxyProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private ProxyProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * The binary's path, found on PATH or in /usr/sbin (where Debian puts nginx and haproxy); fails
     * the test with what to install when it is missing.
     */
    static Path binary(String name, String debianPackage) {
        String path = System.getenv("PATH");
        for (String dir : ((path == null ? "" : path) + File.pathSeparator + "/usr/sbin:/usr/local/sbin")
                .split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        fail("-Pproxies needs the '" + name + "' binary, which is not installed (looked on PATH and in /usr/sbin)."
                + " Install it: apt-get install -y " + debianPackage + "   (CI: .ci/run does this), or run the"
                + " build without -Pproxies.");
        return null;
    }

    static ProxyProcess start(String name, List<String> command, Path dir, int port) throws Exception {
        Path log = dir.resolve(name + ".log");
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ProxyProcess started = new ProxyProcess(name, process, log);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail(name + " exited with " + process.exitValue() + " at start-up:\n" + started.log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return started;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        started.close();
        fail(name + " did not listen on 127.0.0.1:" + port + " within 20 s:\n" + started.log());
        return null;
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no output)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** A port free right now on 127.0.0.1 (the proxy binds it a moment later). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
