package dev.certgate.internal.revocation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Small blocking HTTP client for CRLs and OCSP: per-call timeouts, a size cap enforced while
 * reading (never trusting Content-Length), conditional GET. No JVM-global settings are touched.
 */
public record HttpFetch(Duration connectTimeout, Duration readTimeout, long maxBytes) {

    /** A response body, or "not modified" (body empty). */
    public record Response(int status, byte[] body, String lastModified, String etag) {
        public boolean notModified() {
            return status == HttpURLConnection.HTTP_NOT_MODIFIED;
        }
    }

    /** GET, with If-Modified-Since / If-None-Match when given. */
    public Response get(URI uri, Optional<String> lastModified, Optional<String> etag, String accept)
            throws IOException {
        HttpURLConnection c = open(uri);
        c.setRequestMethod("GET");
        c.setRequestProperty("Accept", accept);
        lastModified.ifPresent(v -> c.setRequestProperty("If-Modified-Since", v));
        etag.ifPresent(v -> c.setRequestProperty("If-None-Match", v));
        return finish(uri, c);
    }

    public Response post(URI uri, byte[] body, String contentType, String accept) throws IOException {
        HttpURLConnection c = open(uri);
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(body.length);
        c.setRequestProperty("Content-Type", contentType);
        c.setRequestProperty("Accept", accept);
        try (OutputStream out = c.getOutputStream()) {
            out.write(body);
        }
        return finish(uri, c);
    }

    private HttpURLConnection open(URI uri) throws IOException {
        String scheme = uri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IOException("not an http(s) URL: " + uri);
        }
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        c.setConnectTimeout(Math.toIntExact(Math.max(1, connectTimeout.toMillis())));
        c.setReadTimeout(Math.toIntExact(Math.max(1, readTimeout.toMillis())));
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        return c;
    }

    private Response finish(URI uri, HttpURLConnection c) throws IOException {
        try {
            int status = c.getResponseCode();
            if (status == HttpURLConnection.HTTP_NOT_MODIFIED) {
                return new Response(status, new byte[0], c.getHeaderField("Last-Modified"), c.getHeaderField("ETag"));
            }
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException("HTTP " + status + " from " + uri);
            }
            long declared = c.getContentLengthLong();
            if (declared > maxBytes) {
                throw new IOException(uri + " declares " + declared + " bytes, more than the limit of " + maxBytes);
            }
            try (InputStream in = c.getInputStream()) {
                byte[] body = readAtMost(in, maxBytes, uri.toString());
                return new Response(status, body, c.getHeaderField("Last-Modified"), c.getHeaderField("ETag"));
            }
        } finally {
            c.disconnect();
        }
    }

    /** Reads in to the end, failing as soon as more than maxBytes arrive. */
    public static byte[] readAtMost(InputStream in, long maxBytes, String what) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[65536];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > maxBytes) {
                throw new IOException(what + " is larger than the limit of " + maxBytes + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
