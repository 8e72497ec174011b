package dev.certgate.internal.facts;

import dev.certgate.internal.facts.RequestBodyMultipart.Section;
import jakarta.servlet.http.Part;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The application's {@code getParts()} of a multipart/form-data body certgate has read from the
 * container's stream (the container can no longer parse it): the same parser as the rules', over
 * the whole body, held in memory.
 */
final class RequestBodyParts {
    private RequestBodyParts() {}

    /** The parts of the whole body; empty when the Content-Type is not multipart with a boundary. */
    static List<Part> of(String contentType, byte[] whole, Path directory) {
        String boundary = RequestBodyMultipart.boundary(contentType);
        if (boundary == null) {
            return List.of();
        }
        List<Part> parts = new ArrayList<>();
        for (Section s : RequestBodyMultipart.sections(boundary, whole, whole.length)) {
            parts.add(new InMemoryPart(s, whole, directory));
        }
        return List.copyOf(parts);
    }

    /** The text of a form field part (one without a file name), in its charset parameter, else {@code fallback}. */
    static String text(Part part, Charset fallback) throws IOException {
        Charset charset = fallback;
        if (part.getContentType() != null) {
            String name = RequestBodyParameters.parse(part.getContentType())
                    .parameters()
                    .get("charset");
            try {
                charset = name == null ? fallback : Charset.forName(name);
            } catch (RuntimeException e) {
                // An unknown charset: the request's.
            }
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), charset);
        }
    }

    private static final class InMemoryPart implements Part {
        private final Section section;
        private final byte[] bytes;
        private final Path directory;
        private final RequestBodyParameters disposition;

        InMemoryPart(Section section, byte[] bytes, Path directory) {
            this.section = section;
            this.bytes = bytes;
            this.directory = directory;
            List<String> d = section.header("Content-Disposition");
            this.disposition = RequestBodyParameters.parse(d.isEmpty() ? "" : d.get(0));
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(bytes, section.valueStart(), section.valueEnd() - section.valueStart());
        }

        @Override
        public String getContentType() {
            return getHeader("Content-Type");
        }

        @Override
        public String getName() {
            return disposition.parameters().get("name");
        }

        @Override
        public String getSubmittedFileName() {
            return disposition.preferExtended("filename");
        }

        @Override
        public long getSize() {
            return section.valueEnd() - section.valueStart();
        }

        /** As the Servlet spec: a relative name is resolved against the upload directory. */
        @Override
        public void write(String fileName) throws IOException {
            Path target = directory.resolve(fileName);
            try (InputStream in = getInputStream()) {
                Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }

        /** Nothing to delete: the part lives in memory only. */
        @Override
        public void delete() {}

        @Override
        public String getHeader(String name) {
            List<String> values = section.header(name);
            return values.isEmpty() ? null : values.get(0);
        }

        @Override
        public Collection<String> getHeaders(String name) {
            return section.header(name);
        }

        @Override
        public Collection<String> getHeaderNames() {
            LinkedHashSet<String> names = new LinkedHashSet<>();
            for (String[] h : section.headers()) {
                names.add(h[0].toLowerCase(Locale.ROOT));
            }
            return List.copyOf(names);
        }
    }
}
