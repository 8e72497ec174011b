package dev.certgate.internal.facts;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request whose body the rules may read: the first time a body field is read, up to the limit
 * (plus one byte, to know whether more follows) is taken from the container's stream; the
 * application then reads those bytes again followed by the rest of the stream, through
 * {@link #getInputStream()}, {@link #getReader()} or, for a url-encoded form post, the parameters.
 * Until a rule reads a body field the wrapper passes everything through untouched.
 */
public final class BodyReplayRequest extends HttpServletRequestWrapper {
    private final int limit;
    /** Null until a rule reads a body field. */
    private RequestBody body;
    /** The bytes taken from the container's stream, handed to the application first. */
    private byte[] taken = new byte[0];
    /** Whether the container's stream ended within {@link #taken}. */
    private boolean ended;
    /** A read failure while taking the prefix, rethrown to the application where its read reaches it. */
    private IOException failure;

    private Replay replay;
    private BufferedReader reader;
    private Map<String, String[]> parameters;
    private List<Part> parts;

    /** @param limit the most bytes the body fields see (the configured maximum size) */
    public BodyReplayRequest(HttpServletRequest request, int limit) {
        super(request);
        this.limit = limit;
    }

    /** What the body fields see; reads the prefix on the first call and never throws. */
    RequestBody body() {
        RequestBody b = body;
        if (b == null) {
            b = takePrefix();
            body = b;
        }
        return b;
    }

    private RequestBody takePrefix() {
        int want = limit + 1;
        byte[] buf = new byte[Math.min(want, 8192)];
        int n = 0;
        try {
            ServletInputStream in = super.getInputStream();
            while (n < want) {
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min(want, 2L * buf.length));
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    ended = true;
                    break;
                }
                n += r;
            }
        } catch (IOException | RuntimeException e) {
            // A broken upload: the rules see what arrived, the application gets the error on its read.
            failure = e instanceof IOException io ? io : new IOException(e);
        }
        taken = Arrays.copyOf(buf, n);
        boolean truncated = n > limit;
        long declared = getContentLengthLong();
        long size = ended || declared < 0 ? n : declared;
        return new RequestBody(taken, Math.min(n, limit), truncated, size, getContentType());
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (body == null) {
            return super.getInputStream();
        }
        if (reader != null) {
            throw new IllegalStateException("getReader() has already been called for this request");
        }
        return replay();
    }

    private Replay replay() throws IOException {
        if (replay == null) {
            replay = new Replay(ended ? null : super.getInputStream());
        }
        return replay;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        if (body == null) {
            return super.getReader();
        }
        if (reader == null) {
            if (replay != null) {
                throw new IllegalStateException("getInputStream() has already been called for this request");
            }
            String encoding = getCharacterEncoding();
            Charset charset;
            try {
                charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            } catch (RuntimeException e) {
                throw new UnsupportedEncodingException(encoding);
            }
            reader = new BufferedReader(new InputStreamReader(replay(), charset));
        }
        return reader;
    }

    // ---- parameters: the container would parse a form post from the stream certgate has read ----

    private boolean formPostTaken() {
        return body != null
                && "POST".equalsIgnoreCase(getMethod())
                && (RequestBody.isForm(getContentType()) || isFormData());
    }

    private boolean isFormData() {
        String type = getContentType();
        return type != null
                && RequestBodyParameters.parse(type).lowerCaseValue().equals("multipart/form-data")
                && RequestBodyMultipart.boundary(type) != null;
    }

    // ---- parts: likewise, the container would parse them from the stream certgate has read ----

    /**
     * The most bytes of a multipart body replayed as parts, all held in memory; a larger body makes
     * {@link #getParts()} throw as a container does above its {@code maxRequestSize}.
     */
    public static final int MAX_PARTS_BODY = 16 * 1024 * 1024;

    @Override
    public Collection<Part> getParts() throws IOException, ServletException {
        if (body == null || !isFormData()) {
            return super.getParts();
        }
        return parts();
    }

    @Override
    public Part getPart(String name) throws IOException, ServletException {
        if (body == null || !isFormData()) {
            return super.getPart(name);
        }
        for (Part p : parts()) {
            if (name.equals(p.getName())) {
                return p;
            }
        }
        return null;
    }

    private List<Part> parts() throws IOException {
        if (parts == null) {
            if (replay != null || reader != null) {
                throw new IllegalStateException("the request body has already been read through its stream");
            }
            byte[] whole = wholeBody(MAX_PARTS_BODY);
            Object dir = getServletContext().getAttribute(ServletContext.TEMPDIR);
            Path directory = dir instanceof File f ? f.toPath() : Path.of(System.getProperty("java.io.tmpdir"));
            parts = RequestBodyParts.of(getContentType(), whole, directory);
        }
        return parts;
    }

    @Override
    public String getParameter(String name) {
        if (!formPostTaken()) {
            return super.getParameter(name);
        }
        String[] values = parameters().get(name);
        return values == null ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return formPostTaken() ? parameters() : super.getParameterMap();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return formPostTaken() ? Collections.enumeration(parameters().keySet()) : super.getParameterNames();
    }

    @Override
    public String[] getParameterValues(String name) {
        if (!formPostTaken()) {
            return super.getParameterValues(name);
        }
        String[] values = parameters().get(name);
        return values == null ? null : values.clone();
    }

    /** Query parameters (UTF-8) then the whole form body's (request encoding, else UTF-8), decoded. */
    private Map<String, String[]> parameters() {
        if (parameters == null) {
            Map<String, List<String>> byName = new LinkedHashMap<>();
            addPairs(byName, getQueryString(), StandardCharsets.UTF_8);
            if (replay == null && reader == null) {
                Charset charset = StandardCharsets.UTF_8;
                try {
                    if (getCharacterEncoding() != null) {
                        charset = Charset.forName(getCharacterEncoding());
                    }
                    if (isFormData()) {
                        for (Part p : parts()) {
                            if (p.getName() != null && p.getSubmittedFileName() == null) {
                                byName.computeIfAbsent(p.getName(), k -> new ArrayList<>())
                                        .add(RequestBodyParts.text(p, charset));
                            }
                        }
                    } else {
                        addPairs(byName, new String(wholeBody(Integer.MAX_VALUE), charset), charset);
                    }
                } catch (IOException | RuntimeException e) {
                    // As a container does with an unreadable form: the body's parameters are missing.
                }
            }
            Map<String, String[]> out = new LinkedHashMap<>();
            byName.forEach((k, v) -> out.put(k, v.toArray(new String[0])));
            parameters = Collections.unmodifiableMap(out);
        }
        return parameters;
    }

    /**
     * Reads the rest of the container's stream; afterwards the replay hands out the whole body. Past
     * {@code max} bytes it stops and throws, every time; what it read stays for the stream's replay.
     */
    private byte[] wholeBody(int max) throws IOException {
        if (taken.length > max || getContentLengthLong() > max) {
            throw new IllegalStateException(tooLarge(max));
        }
        if (!ended) {
            if (failure != null) {
                throw failure;
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream(taken.length + 1024);
            all.write(taken);
            InputStream rest = super.getInputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = rest.read(buf)) >= 0; ) {
                    all.write(buf, 0, n);
                    if (all.size() > max) {
                        throw new IllegalStateException(tooLarge(max));
                    }
                }
                ended = true;
            } finally {
                taken = all.toByteArray();
            }
        }
        return taken;
    }

    private static String tooLarge(int max) {
        return "the multipart body is larger than the " + max + " bytes certgate replays as parts after a rule read"
                + " the body (docs/rules.md, Request body)";
    }

    private static void addPairs(Map<String, List<String>> byName, String text, Charset charset) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
                byName.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                // A malformed %-sequence: skip the pair, as containers do.
            }
        }
    }

    /** The taken bytes, then the rest of the container's stream (null when it already ended). */
    private final class Replay extends ServletInputStream {
        private final ServletInputStream rest;
        private int position;

        Replay(ServletInputStream rest) {
            this.rest = rest;
        }

        private boolean replaying() {
            return position < taken.length;
        }

        private void failed() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public int read() throws IOException {
            if (replaying()) {
                return taken[position++] & 0xff;
            }
            failed();
            return rest == null ? -1 : rest.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (replaying()) {
                int n = Math.min(len, taken.length - position);
                System.arraycopy(taken, position, b, off, n);
                position += n;
                return n;
            }
            failed();
            return rest == null ? -1 : rest.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            return replaying() ? taken.length - position : rest == null ? 0 : rest.available();
        }

        @Override
        public boolean isFinished() {
            return !replaying() && (rest == null || rest.isFinished());
        }

        @Override
        public boolean isReady() {
            return replaying() || rest == null || rest.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            if (rest == null) {
                // Everything is here already: hand it over at once, as a container does for data it holds.
                try {
                    listener.onDataAvailable();
                    listener.onAllDataRead();
                } catch (IOException e) {
                    listener.onError(e);
                }
                return;
            }
            rest.setReadListener(new ReadListener() {
                @Override
                public void onDataAvailable() throws IOException {
                    listener.onDataAvailable();
                }

                @Override
                public void onAllDataRead() throws IOException {
                    if (replaying()) {
                        listener.onDataAvailable();
                    }
                    listener.onAllDataRead();
                }

                @Override
                public void onError(Throwable t) {
                    listener.onError(t);
                }
            });
        }
    }
}
