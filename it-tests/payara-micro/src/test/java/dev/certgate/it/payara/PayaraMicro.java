package dev.certgate.it.payara;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Payara Micro as a child process: its HTTP listener bound to 127.0.0.1 on a free port, no
 * clustering, no phone-home, its files under one directory of {@code target/}. (Payara Micro 6
 * still starts its Hazelcast data grid, without discovery, and binds its port, 6900 or the next
 * free one, on all interfaces; no option of this version changes that.) {@link #close()} kills it (and
 * anything it started); a shutdown hook does the same if the test JVM ends first.
 */
final class PayaraMicro implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final Thread shutdownHook;
    final int port;

    private PayaraMicro(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.shutdownHook = new Thread(this::kill, "payara-micro-killer");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code java [jvmOptions] -jar payara-micro.jar --deploy war ... [options]} and returns
     * at once; see {@link #awaitReady}.
     */
    static PayaraMicro start(Path payaraJar, Path work, Path war, List<String> jvmOptions, List<String> options)
            throws IOException {
        if (!Files.isRegularFile(payaraJar)) {
            throw new IllegalStateException("Payara Micro not found (the dependency plugin copies it): " + payaraJar);
        }
        Files.createDirectories(work);
        int port = freePort();
        // Loopback only: Payara Micro has no bind-address option, its http-listener is set before boot.
        Path preBoot = Files.writeString(
                work.resolve("preboot.asadmin"),
                "set configs.config.server-config.network-config.network-listeners.network-listener"
                        + ".http-listener.address=127.0.0.1\n");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        command.add("-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp")));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-jar",
                payaraJar.toString(),
                "--deploy",
                war.toString(),
                "--port",
                Integer.toString(port),
                "--nocluster",
                "--nohazelcast",
                "--disablephonehome",
                "--rootdir",
                Files.createDirectories(work.resolve("root")).toString(),
                "--unpackdir",
                Files.createDirectories(work.resolve("unpack")).toString(),
                "--prebootcommandfile",
                preBoot.toString()));
        command.addAll(options);
        Path log = work.resolve("payara.log");
        Files.writeString(log, String.join(" ", command) + "\n\n");
        Process process = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new PayaraMicro(process, log, port);
    }

    /** Polls {@code url} until it answers 200; fails with the log's tail if Payara exits or the time runs out. */
    void awaitReady(String path, Duration timeout) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        URI uri = URI.create("http://127.0.0.1:" + port + path);
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Payara Micro exited with " + process.exitValue() + " before " + uri + " answered\n" + tail());
            }
            try {
                HttpResponse<String> r = client.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("Payara Micro did not answer " + uri + " with 200 within " + timeout
                + " (last: " + last + ")\n" + tail());
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    String tail() {
        try {
            String all = log();
            return all.substring(Math.max(0, all.length() - 8000));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    Path logFile() {
        return log;
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran
        }
    }

    private void kill() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                all.forEach(ProcessHandle::destroyForcibly);
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            all.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
