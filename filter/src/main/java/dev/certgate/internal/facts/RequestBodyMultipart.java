package dev.certgate.internal.facts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a {@code multipart/*} body prefix (RFC 2046 §5.1.1, RFC 7578), as Cloudflare's
 * {@code http.request.body.multipart.*} fields show them: per part its value and the values of its
 * Content-Disposition, Content-Type and Content-Transfer-Encoding headers. Lines may end in CRLF or
 * a bare LF. A prefix cut off by the cap (or a body without its close delimiter) still yields the
 * parts seen: the last one with its complete header lines and the value bytes up to the cut.
 * Never throws.
 */
final class RequestBodyMultipart {
    static final RequestBodyMultipart NONE = new RequestBodyMultipart(List.of(), "", 0);

    /** One part; headers keep their order, values as sent (unfolded, stripped). */
    record Part(
            String value,
            List<String> contentDispositions,
            List<String> contentTypes,
            List<String> contentTransferEncodings,
            Map<String, List<String>> headers) {

        /** The {@code name} of each Content-Disposition that has one. */
        List<String> names() {
            return dispositionParameter("name");
        }

        /** The file name of each Content-Disposition that has one, {@code filename*} preferred. */
        List<String> filenames() {
            return dispositionParameter("filename");
        }

        private List<String> dispositionParameter(String name) {
            List<String> out = new ArrayList<>(1);
            for (String disposition : contentDispositions) {
                String v = RequestBodyParameters.parse(disposition).preferExtended(name);
                if (v != null) {
                    out.add(v);
                }
            }
            return List.copyOf(out);
        }
    }

    private final List<Part> parts;
    private final String preamble;
    private final int emptyParts;

    private RequestBodyMultipart(List<Part> parts, String preamble, int emptyParts) {
        this.parts = parts;
        this.preamble = preamble;
        this.emptyParts = emptyParts;
    }

    List<Part> parts() {
        return parts;
    }

    /**
     * The bytes before the first delimiter, with the line break that ends them (the break belongs
     * to the delimiter in RFC 2046, Cloudflare keeps it); all the seen bytes when no delimiter comes.
     */
    String preamble() {
        return preamble;
    }

    /** How many parts without headers and without a value were skipped (they are not parts). */
    int emptyParts() {
        return emptyParts;
    }

    List<String> values() {
        List<String> out = new ArrayList<>(parts.size());
        for (Part p : parts) {
            out.add(p.value());
        }
        return List.copyOf(out);
    }

    /** Every part's headers by lower-case name, values in order; an empty map for a part without headers. */
    List<Map<String, List<String>>> headers() {
        List<Map<String, List<String>>> out = new ArrayList<>(parts.size());
        for (Part p : parts) {
            out.add(p.headers());
        }
        return List.copyOf(out);
    }

    /** {@code field} of every part, in part order. */
    List<List<String>> each(java.util.function.Function<Part, List<String>> field) {
        List<List<String>> out = new ArrayList<>(parts.size());
        for (Part p : parts) {
            out.add(field.apply(p));
        }
        return List.copyOf(out);
    }

    /** Part values by part name, in order; a part without a name is left out. */
    Map<String, List<String>> byName() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Part p : parts) {
            for (String name : p.names()) {
                map.computeIfAbsent(name, k -> new ArrayList<>()).add(p.value());
            }
        }
        map.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return Collections.unmodifiableMap(map);
    }

    /**
     * The parts of {@code bytes[0, length)} under the boundary of a {@code multipart/*} Content-Type;
     * {@link #NONE} for any other type or one without a boundary.
     */
    static RequestBodyMultipart parse(String contentType, byte[] bytes, int length) {
        String boundary = boundary(contentType);
        if (boundary == null) {
            return NONE;
        }
        Scan scan = new Scan(delimiter(boundary), bytes, length);
        List<Part> parts = new ArrayList<>();
        for (Section section : scan.parts()) {
            parts.add(section.part(bytes));
        }
        String preamble = new String(bytes, 0, scan.preambleEnd, StandardCharsets.UTF_8);
        return new RequestBodyMultipart(List.copyOf(parts), preamble, scan.emptyParts);
    }

    /**
     * The boundary of a {@code multipart/*} Content-Type, or null for any other type and one
     * without a usable boundary.
     */
    static String boundary(String contentType) {
        if (contentType == null) {
            return null;
        }
        RequestBodyParameters type = RequestBodyParameters.parse(contentType);
        String boundary = type.parameters().get("boundary");
        if (!type.lowerCaseValue().startsWith("multipart/")
                || boundary == null
                || boundary.isEmpty()
                || boundary.indexOf('\r') >= 0
                || boundary.indexOf('\n') >= 0) {
            return null;
        }
        return boundary;
    }

    /** The parts of {@code bytes[0, length)} as header lines and value ranges, in order. */
    static List<Section> sections(String boundary, byte[] bytes, int length) {
        return new Scan(delimiter(boundary), bytes, length).parts();
    }

    private static byte[] delimiter(String boundary) {
        return ("--" + boundary).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One part as found: its header lines (name, value as sent, unfolded) and where its value lies
     * in the scanned bytes.
     */
    record Section(List<String[]> headers, int valueStart, int valueEnd) {
        /** The values of every header with this name (case-insensitive), stripped, in order. */
        List<String> header(String name) {
            List<String> out = new ArrayList<>(1);
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    out.add(h[1].strip());
                }
            }
            return List.copyOf(out);
        }

        Part part(byte[] bytes) {
            return new Part(
                    new String(bytes, valueStart, valueEnd - valueStart, StandardCharsets.UTF_8),
                    header("Content-Disposition"),
                    header("Content-Type"),
                    header("Content-Transfer-Encoding"),
                    byLowerCaseName());
        }

        /** Every header: values (stripped, unfolded) in order under the lower-case name. */
        Map<String, List<String>> byLowerCaseName() {
            Map<String, List<String>> map = new LinkedHashMap<>();
            for (String[] h : headers) {
                map.computeIfAbsent(h[0].toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>())
                        .add(h[1].strip());
            }
            map.replaceAll((k, v) -> Collections.unmodifiableList(v));
            return Collections.unmodifiableMap(map);
        }
    }

    /** One pass over the bytes. */
    private static final class Scan {
        private final byte[] delimiter;
        private final byte[] b;
        private final int end;
        /** Where the first delimiter starts (the end of the preamble), set by {@link #parts}. */
        int preambleEnd;
        /** Empty parts without headers that were skipped, counted by {@link #parts}. */
        int emptyParts;

        Scan(byte[] delimiter, byte[] bytes, int length) {
            this.delimiter = delimiter;
            this.b = bytes;
            this.end = length;
        }

        List<Section> parts() {
            List<Section> parts = new ArrayList<>();
            int at = isDelimiter(0) ? 0 : nextDelimiter(0);
            preambleEnd = at < 0 ? end : at;
            while (at >= 0) {
                int p = at + delimiter.length;
                if (p + 1 < end && b[p] == '-' && b[p + 1] == '-') {
                    break; // the close delimiter: the epilogue is not a part
                }
                int headersStart = lineEnd(p);
                if (headersStart < 0) {
                    break;
                }
                Section part = part(headersStart);
                if (part != null) {
                    parts.add(part);
                } else if (nextAt >= 0) {
                    emptyParts++; // a whole empty part; one cut off where the bytes end is not counted
                }
                at = nextAt;
            }
            return List.copyOf(parts);
        }

        /** Where the delimiter after the part last read starts, or -1 (set by {@link #part}). */
        private int nextAt;

        private Section part(int p) {
            List<String[]> headers = new ArrayList<>();
            while (p < end) {
                if (isDelimiter(p)) {
                    nextAt = p; // a header block without its empty line: a part without a value
                    return section(headers, p, p);
                }
                int eol = indexOf((byte) '\n', p);
                if (eol < 0) {
                    break; // a header line cut off: left out
                }
                int lineEnd = eol > p && b[eol - 1] == '\r' ? eol - 1 : eol;
                String line = new String(b, p, lineEnd - p, StandardCharsets.UTF_8);
                p = eol + 1;
                if (line.isEmpty()) {
                    return value(headers, p);
                }
                if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !headers.isEmpty()) {
                    String[] last = headers.get(headers.size() - 1);
                    last[1] = last[1] + line; // an obsolete folded line: unfolded (RFC 5322 §2.2.3)
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.add(new String[] {line.substring(0, colon).strip(), line.substring(colon + 1)});
                }
            }
            nextAt = -1;
            return section(headers, end, end);
        }

        /** The value from {@code start} up to the line break before the next delimiter, or up to the end. */
        private Section value(List<String[]> headers, int start) {
            int next = isDelimiter(start) ? start : nextDelimiter(start);
            int valueEnd = end;
            if (next == start) {
                valueEnd = start;
            } else if (next > start) {
                valueEnd = next - 1 > start && b[next - 2] == '\r' ? next - 2 : next - 1;
            }
            nextAt = next;
            return section(headers, start, valueEnd);
        }

        private static Section section(List<String[]> headers, int valueStart, int valueEnd) {
            if (headers.isEmpty() && valueEnd == valueStart) {
                return null; // as Cloudflare: an empty part without headers is not a part
            }
            return new Section(List.copyOf(headers), valueStart, valueEnd);
        }

        /**
         * The start of the next delimiter line after {@code from}: {@code --boundary} right after a
         * line break; the break itself belongs to the delimiter, not to the part before it.
         */
        private int nextDelimiter(int from) {
            for (int i = indexOf((byte) '\n', from); i >= 0; i = indexOf((byte) '\n', i + 1)) {
                if (isDelimiter(i + 1)) {
                    return i + 1;
                }
            }
            return -1;
        }

        /**
         * Whether a delimiter starts at {@code at}: the dash-boundary followed by {@code --}, or by
         * optional padding and a line break, or by the end of the seen bytes.
         */
        private boolean isDelimiter(int at) {
            if (at + delimiter.length > end) {
                return false;
            }
            for (int k = 0; k < delimiter.length; k++) {
                if (b[at + k] != delimiter[k]) {
                    return false;
                }
            }
            int p = at + delimiter.length;
            if (p + 1 < end && b[p] == '-' && b[p + 1] == '-') {
                return true;
            }
            while (p < end && (b[p] == ' ' || b[p] == '\t')) {
                p++;
            }
            return p >= end || b[p] == '\n' || (b[p] == '\r' && (p + 1 >= end || b[p + 1] == '\n'));
        }

        /** The index after the line break that ends the line at {@code p}, or -1 when the bytes end first. */
        private int lineEnd(int p) {
            int eol = indexOf((byte) '\n', p);
            return eol < 0 ? -1 : eol + 1;
        }

        private int indexOf(byte c, int from) {
            for (int i = from; i < end; i++) {
                if (b[i] == c) {
                    return i;
                }
            }
            return -1;
        }
    }
}
