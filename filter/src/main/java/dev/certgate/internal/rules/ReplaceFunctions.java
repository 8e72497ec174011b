package dev.certgate.internal.rules;

import static dev.certgate.internal.rules.Functions.arity;
import static dev.certgate.internal.rules.Functions.arr;
import static dev.certgate.internal.rules.Functions.literal;
import static dev.certgate.internal.rules.Functions.type;

import dev.certgate.internal.rules.Functions.Function;
import dev.certgate.internal.rules.Functions.Site;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * regex_replace, wildcard_replace and remove_query_args. Cloudflare documents them for rewrite
 * expressions; in a filter they compute a String like any other function.
 */
final class ReplaceFunctions {
    private ReplaceFunctions() {}

    /** {@code regex_replace(source, regex, replacement)}: the first match replaced; {@code ${n}} and {@code $$}. */
    static Value regexReplace(Function f, Site site) throws RuleSyntaxException {
        arity(f.name(), site, 3, 3, f.signature());
        for (int i = 0; i < 3; i++) {
            type(f.name(), site, i, Type.BYTES, f.signature());
        }
        literal(f.name(), site, 1, f.signature());
        literal(f.name(), site, 2, f.signature());
        Regex regex;
        try {
            regex = Regex.compile(new String((byte[]) ((Literal) site.args().get(1)).value, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw site.error(site.offset(1), e.getMessage(), "a valid regular expression");
        }
        Template template =
                Template.parse((byte[]) ((Literal) site.args().get(2)).value, regex.groups(), site, site.offset(2));
        return new Call(
                f.name(),
                Type.BYTES,
                a -> {
                    byte[] in = ByteString.bytesOf(a[0]);
                    int[] groups = regex.firstMatch(in);
                    if (groups == null) {
                        return in;
                    }
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.write(in, 0, groups[0]);
                    template.appendTo(out, in, groups);
                    out.write(in, groups[1], in.length - groups[1]);
                    return out.toByteArray();
                },
                arr(site));
    }

    /**
     * {@code wildcard_replace(source, pattern, replacement [, "s"])}: when the whole source matches
     * the pattern (ASCII case folded unless {@code s}), the replacement with {@code ${n}} for the
     * n-th star; otherwise the source unchanged.
     */
    static Value wildcardReplace(Function f, Site site) throws RuleSyntaxException {
        arity(f.name(), site, 3, 4, f.signature());
        for (int i = 0; i < site.args().size(); i++) {
            type(f.name(), site, i, Type.BYTES, f.signature());
            if (i > 0) {
                literal(f.name(), site, i, f.signature());
            }
        }
        boolean strict = false;
        if (site.args().size() == 4) {
            String flags = new String((byte[]) ((Literal) site.args().get(3)).value, StandardCharsets.UTF_8);
            if (!flags.equals("s") && !flags.isEmpty()) {
                throw site.error(site.offset(3), "unknown flags \"" + flags + "\"", "\"s\" (case-sensitive)");
            }
            strict = flags.equals("s");
        }
        Wildcard pattern;
        try {
            pattern = Wildcard.compile((byte[]) ((Literal) site.args().get(1)).value, strict);
        } catch (IllegalArgumentException e) {
            throw site.error(site.offset(1), e.getMessage(), "a valid wildcard pattern");
        }
        Template template =
                Template.parse((byte[]) ((Literal) site.args().get(2)).value, pattern.stars(), site, site.offset(2));
        return new Call(
                f.name(),
                Type.BYTES,
                a -> {
                    byte[] in = ByteString.bytesOf(a[0]);
                    int[] spans = pattern.starSpans(in);
                    if (spans == null) {
                        return in;
                    }
                    int[] groups = new int[spans.length + 2];
                    groups[1] = in.length;
                    System.arraycopy(spans, 0, groups, 2, spans.length);
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    template.appendTo(out, in, groups);
                    return out.toByteArray();
                },
                arr(site));
    }

    /** {@code remove_query_args(query, name, ...)}: every {@code name=...} (or bare {@code name}) pair removed. */
    static Value removeQueryArgs(Function f, Site site) throws RuleSyntaxException {
        arity(f.name(), site, 2, Integer.MAX_VALUE, f.signature());
        type(f.name(), site, 0, Type.BYTES, f.signature());
        Set<ByteString> names = new HashSet<>();
        for (int i = 1; i < site.args().size(); i++) {
            type(f.name(), site, i, Type.BYTES, f.signature());
            literal(f.name(), site, i, f.signature());
            names.add(new ByteString((byte[]) ((Literal) site.args().get(i)).value));
        }
        return new Call(
                f.name(),
                Type.BYTES,
                a -> {
                    byte[] query = ByteString.bytesOf(a[0]);
                    List<byte[]> kept = new ArrayList<>();
                    for (Object pair : CollectionFunctions.split(query, new byte[] {'&'}, Integer.MAX_VALUE)) {
                        byte[] p = (byte[]) pair;
                        int eq = indexOf(p, (byte) '=');
                        if (!names.contains(new ByteString(eq < 0 ? p : Arrays.copyOf(p, eq)))) {
                            kept.add(p);
                        }
                    }
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    for (int i = 0; i < kept.size(); i++) {
                        if (i > 0) {
                            out.write('&');
                        }
                        out.writeBytes(kept.get(i));
                    }
                    return out.toByteArray();
                },
                arr(site));
    }

    private static int indexOf(byte[] b, byte c) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** A replacement: literal bytes, {@code ${n}} group references and {@code $$} for a dollar sign. */
    private static final class Template {
        /** Literal byte runs (byte[]) and group numbers (Integer), in order. */
        private final List<Object> parts;

        private Template(List<Object> parts) {
            this.parts = parts;
        }

        static Template parse(byte[] text, int groups, Site site, int at) throws RuleSyntaxException {
            List<Object> parts = new ArrayList<>();
            ByteArrayOutputStream literal = new ByteArrayOutputStream();
            int references = 0;
            for (int i = 0; i < text.length; i++) {
                byte b = text[i];
                if (b != '$') {
                    literal.write(b);
                    continue;
                }
                if (i + 1 < text.length && text[i + 1] == '$') {
                    literal.write('$');
                    i++;
                    continue;
                }
                int close = i + 1 < text.length && text[i + 1] == '{'
                        ? indexOf(Arrays.copyOfRange(text, i, text.length), (byte) '}')
                        : -1;
                String number = close > 2 ? new String(text, i + 2, close - 2, StandardCharsets.US_ASCII) : "";
                if (!number.matches("[0-9]{1,2}") || Integer.parseInt(number) > groups) {
                    throw site.error(
                            at,
                            "invalid reference in the replacement (" + groups + " group" + (groups == 1 ? "" : "s")
                                    + " to refer to)",
                            "${1} to ${" + Math.max(1, groups) + "}, or $$ for $");
                }
                if (++references > 8) {
                    throw site.error(at, "the replacement has more than eight references", "at most eight ${n}");
                }
                parts.add(literal.toByteArray());
                literal.reset();
                parts.add(Integer.parseInt(number));
                i += close;
            }
            parts.add(literal.toByteArray());
            return new Template(parts);
        }

        /** groups: start and end offsets, two per group, group 0 first. */
        void appendTo(ByteArrayOutputStream out, byte[] in, int[] groups) {
            for (Object part : parts) {
                if (part instanceof byte[] b) {
                    out.writeBytes(b);
                } else {
                    int g = (Integer) part;
                    int start = groups[2 * g];
                    int end = groups[2 * g + 1];
                    if (start >= 0 && end >= start) {
                        out.write(in, start, end - start);
                    }
                }
            }
        }
    }
}
