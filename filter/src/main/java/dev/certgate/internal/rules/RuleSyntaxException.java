package dev.certgate.internal.rules;

/**
 * An expression that does not parse or does not type-check. The message is
 * {@code line:column: problem, expected ...} followed by the offending line and a caret under the
 * problem, so that it can be shown as is after a rule id or property name.
 */
public final class RuleSyntaxException extends Exception {
    private final int line;
    private final int column;
    private final String problem;
    private final String expected;
    private String listName;

    RuleSyntaxException(String source, int offset, String problem, String expected) {
        this(source, offset, problem, expected, null);
    }

    /** With the internal failure that caused it, kept for whoever debugs it. */
    RuleSyntaxException(String source, int offset, String problem, String expected, Throwable cause) {
        super(format(source, offset, problem, expected), cause);
        int[] lc = lineAndColumn(source, offset);
        this.line = lc[0];
        this.column = lc[1];
        this.problem = problem;
        this.expected = expected;
    }

    /** 1-based line of the problem. */
    public int line() {
        return line;
    }

    /** 1-based column (in characters) of the problem. */
    public int column() {
        return column;
    }

    /** What the parser expected at that point, or an empty string when nothing more precise. */
    public String expected() {
        return expected;
    }

    /** The named list whose item is at fault, when the problem is in a list rather than in the expression. */
    public java.util.Optional<String> listName() {
        return java.util.Optional.ofNullable(listName);
    }

    RuleSyntaxException inList(String name) {
        this.listName = name;
        return this;
    }

    /** The problem alone, without position or excerpt. */
    public String problem() {
        return problem;
    }

    private static int[] lineAndColumn(String source, int offset) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(Math.max(offset, 0), source.length());
        for (int i = 0; i < end; i++) {
            if (source.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, end - lineStart + 1};
    }

    private static String format(String source, int offset, String problem, String expected) {
        int[] lc = lineAndColumn(source, offset);
        int end = Math.min(Math.max(offset, 0), source.length());
        int lineStart = end - (lc[1] - 1);
        int lineEnd = source.indexOf('\n', lineStart);
        if (lineEnd < 0) {
            lineEnd = source.length();
        }
        String text = source.substring(lineStart, lineEnd);
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(lc[0]).append(':').append(lc[1]).append(": ").append(problem);
        if (!expected.isEmpty()) {
            sb.append(", expected ").append(expected);
        }
        sb.append('\n').append(text).append('\n');
        for (int i = 0; i < lc[1] - 1; i++) {
            sb.append(i < text.length() && text.charAt(i) == '\t' ? '\t' : ' ');
        }
        sb.append('^');
        return sb.toString();
    }
}
