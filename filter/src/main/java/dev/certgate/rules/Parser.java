package dev.certgate.rules;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent parser and type checker, straight from characters to compiled nodes (the
 * language has no token that needs look-ahead beyond a few characters). Every failure is a
 * {@link RuleSyntaxException} at the offending offset.
 */
final class Parser {
    static final int MAX_DEPTH = 128;
    static final int MAX_LENGTH = 4096;

    private static final Set<String> KEYWORDS = Set.of("and", "or", "xor", "not", "eq", "ne", "lt", "le",
            "gt", "ge", "contains", "matches", "wildcard", "strict", "in", "bitwise_and");
    private static final String LOGICAL_OR_END = "and, or, xor or the end of the expression";

    private enum Op {
        EQ, NE, LT, LE, GT, GE, CONTAINS, MATCHES, WILDCARD, STRICT_WILDCARD, IN, BITWISE_AND;

        Matcher.Order order() {
            return ordinal() <= GE.ordinal() ? Matcher.Order.values()[ordinal()] : null;
        }

        String word() {
            return this == STRICT_WILDCARD ? "strict wildcard" : name().toLowerCase(Locale.ROOT);
        }
    }

    private final String src;
    private final NamedLists lists;
    private final int end;
    private int pos;
    private int depth;

    private Parser(String src, NamedLists lists) {
        this.src = src;
        this.lists = lists;
        int s = 0;
        int e = src.length();
        while (s < e && Character.isWhitespace(src.charAt(s))) {
            s++;
        }
        while (e > s && Character.isWhitespace(src.charAt(e - 1))) {
            e--;
        }
        this.pos = s;
        this.end = e;
    }

    static Node parse(String src, NamedLists lists) throws RuleSyntaxException {
        if (src.length() > MAX_LENGTH) {
            throw new RuleSyntaxException(src, MAX_LENGTH, "the expression is longer than "
                    + MAX_LENGTH + " characters", "at most " + MAX_LENGTH + " characters");
        }
        return new Parser(src, lists).filter();
    }

    private RuleSyntaxException error(int at, String problem, String expected) {
        return new RuleSyntaxException(src, at, problem, expected);
    }

    // ---- logical level -------------------------------------------------------------------

    private Node filter() throws RuleSyntaxException {
        int start = pos;
        if (pos >= end) {
            throw error(pos, "the expression is empty", "an expression such as http.host eq \"example.com\"");
        }
        Value v = level(Logic.Op.OR);
        skipSpace();
        if (pos < end) {
            throw unexpectedAfterExpression();
        }
        if (!v.type.equals(Type.BOOL)) {
            throw error(start, "the expression is " + describe(v) + ", not a Boolean",
                    "a Boolean expression; use any(...) or all(...) around [*] comparisons");
        }
        return (Node) v;
    }

    private RuleSyntaxException unexpectedAfterExpression() {
        String word = peekWord();
        if (opAhead() != null) {
            return error(pos, "comparisons cannot be chained; " + describeToken() + " follows a complete comparison",
                    LOGICAL_OR_END);
        }
        if (KEYWORDS.contains(word.toLowerCase(Locale.ROOT)) && !KEYWORDS.contains(word)) {
            return error(pos, "keywords are lowercase: write " + word.toLowerCase(Locale.ROOT), LOGICAL_OR_END);
        }
        if (peek() == ')') {
            return error(pos, "unbalanced ')' without a matching '('", LOGICAL_OR_END);
        }
        return error(pos, "unexpected " + describeToken(), LOGICAL_OR_END);
    }

    private Value level(Logic.Op level) throws RuleSyntaxException {
        List<Value> operands = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        offsets.add(pos);
        operands.add(operand(level));
        while (true) {
            int save = pos;
            skipSpace();
            int opLen = logicalAhead(level);
            if (opLen == 0) {
                pos = save;
                break;
            }
            pos += opLen;
            skipSpace();
            offsets.add(pos);
            operands.add(operand(level));
        }
        if (operands.size() == 1) {
            return operands.get(0);
        }
        boolean arrays = operands.get(0).type.equals(Type.BOOL_ARRAY);
        for (int i = 0; i < operands.size(); i++) {
            if (operands.get(i).type.equals(Type.BOOL_ARRAY) != arrays) {
                throw error(offsets.get(i), "'" + level.word + "' cannot combine a Boolean with an Array<Boolean>",
                        arrays ? "an Array<Boolean> like the first operand" : "a Boolean like the first operand");
            }
        }
        if (arrays) {
            return new ArrayLogic.Nary(level, operands.toArray(new Value[0]));
        }
        Node[] nodes = new Node[operands.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = Node.of(operands.get(i));
        }
        return Logic.of(level, nodes);
    }

    private Value operand(Logic.Op level) throws RuleSyntaxException {
        switch (level) {
            case OR: return level(Logic.Op.XOR);
            case XOR: return level(Logic.Op.AND);
            default: return simple();
        }
    }

    /** Length of the logical operator of this level at pos, or 0. */
    private int logicalAhead(Logic.Op level) {
        String symbol = level == Logic.Op.OR ? "||" : level == Logic.Op.XOR ? "^^" : "&&";
        if (src.startsWith(symbol, pos) && pos + 2 <= end) {
            return 2;
        }
        return wordAhead(level.word) ? level.word.length() : 0;
    }

    private Value simple() throws RuleSyntaxException {
        skipSpace();
        int at = pos;
        if (pos >= end) {
            throw error(pos, "the expression ends too early", "a field, a function, (, not or !");
        }
        char c = src.charAt(pos);
        if (c == '(') {
            enter(at);
            pos++;
            Value inner = level(Logic.Op.OR);
            skipSpace();
            if (peek() != ')') {
                throw pos >= end ? error(at, "this '(' is never closed", "a matching ')'")
                        : error(pos, "unexpected " + describeToken(), "and, or, xor or )");
            }
            pos++;
            depth--;
            return inner.type.equals(Type.BOOL) ? new Logic.Group((Node) inner) : new ArrayLogic.Group(inner);
        }
        boolean bang = c == '!' && !src.startsWith("!=", pos);
        if (bang || wordAhead("not")) {
            enter(at);
            pos += bang ? 1 : 3;
            Value operand = simple();
            depth--;
            return operand.type.equals(Type.BOOL) ? new Logic.Not(Node.of(operand)) : new ArrayLogic.Not(operand);
        }
        if (wordAhead("true") || wordAhead("false")) {
            boolean value = wordAhead("true");
            pos += value ? 4 : 5;
            return new Logic.Constant(value);
        }
        return comparison(false);
    }

    private void enter(int at) throws RuleSyntaxException {
        if (++depth > MAX_DEPTH) {
            throw error(at, "the expression is nested more than " + MAX_DEPTH + " levels deep",
                    "fewer nested parentheses, not or function calls");
        }
    }

    // ---- comparisons -----------------------------------------------------------------------

    private Value comparison(boolean asArgument) throws RuleSyntaxException {
        Value lhs = value();
        int save = pos;
        skipSpace();
        int opAt = pos;
        Op op = opAhead();
        if (op == null) {
            pos = save;
            if (asArgument) {
                return lhs;
            }
            if (lhs.type.equals(Type.BOOL) && !lhs.each) {
                return lhs instanceof FieldRef ? new BoolFieldNode(((FieldRef) lhs).field) : Node.of(lhs);
            }
            if (lhs.type.equals(Type.BOOL_ARRAY) && !lhs.each) {
                return lhs;
            }
            String word = peekWordAt(opAt);
            if (KEYWORDS.contains(word.toLowerCase(Locale.ROOT)) && !KEYWORDS.contains(word)) {
                throw error(opAt, "keywords are lowercase: write " + word.toLowerCase(Locale.ROOT),
                        operatorsFor(lhs.type));
            }
            throw error(opAt, lhs + " is " + describe(lhs) + " and needs a comparison",
                    operatorsFor(lhs.type));
        }
        if (lhs.type.kind == Type.Kind.BOOL || lhs.type.equals(Type.BOOL_ARRAY) && !lhs.each) {
            throw error(opAt, "a Boolean takes no operator: write " + lhs + " or not " + lhs,
                    LOGICAL_OR_END);
        }
        if (lhs.type.isContainer()) {
            throw error(opAt, "operators do not apply to a whole " + lhs.type + "; pick elements with [n], [\"key\"] or [*]",
                    "an index after " + lhs);
        }
        pos += opLength(op);
        skipSpace();
        Matcher matcher = rhs(op, lhs.type, opAt);
        return lhs.each ? new Comparison.OnEach(lhs, matcher) : Comparison.of(lhs, matcher);
    }

    private static String operatorsFor(Type t) {
        switch (t.kind) {
            case BYTES: return "eq, ne, lt, le, gt, ge, contains, matches, wildcard, strict wildcard or in";
            case INT: return "eq, ne, lt, le, gt, ge, in or bitwise_and";
            case IP: return "eq, ne, lt, le, gt, ge or in";
            case BOOL: return LOGICAL_OR_END;
            default: return "[n], [\"key\"] or [*] to pick elements";
        }
    }

    private static String describe(Value v) {
        return "a " + v.type + (v.each ? " element of [*]" : "");
    }

    private Op opAhead() {
        if (pos >= end) {
            return null;
        }
        String[][] symbols = {{"==", "EQ"}, {"!=", "NE"}, {"<=", "LE"}, {">=", "GE"}, {"<", "LT"}, {">", "GT"},
            {"~", "MATCHES"}};
        for (String[] s : symbols) {
            if (src.startsWith(s[0], pos)) {
                return Op.valueOf(s[1]);
            }
        }
        if (src.startsWith("&", pos) && !src.startsWith("&&", pos)) {
            return Op.BITWISE_AND;
        }
        if (src.startsWith("strict wildcard", pos) && wordEndsAt(pos + "strict wildcard".length())) {
            return Op.STRICT_WILDCARD;
        }
        for (Op op : Op.values()) {
            if (op != Op.STRICT_WILDCARD && wordAhead(op.word())) {
                return op;
            }
        }
        return null;
    }

    private int opLength(Op op) {
        char c = src.charAt(pos);
        if (Character.isLetter(c)) {
            return op.word().length();
        }
        return (op == Op.LT || op == Op.GT || op == Op.MATCHES || op == Op.BITWISE_AND) ? 1 : 2;
    }

    private Matcher rhs(Op op, Type t, int opAt) throws RuleSyntaxException {
        if (op == Op.IN) {
            return peek() == '$' ? list(t) : set(t);
        }
        Matcher.Order order = op.order();
        switch (t.kind) {
            case BYTES:
                if (order != null) {
                    return new BytesMatcher.Compare(order, bytesLiteral());
                }
                if (op == Op.CONTAINS) {
                    return new BytesMatcher.Contains(bytesLiteral());
                }
                if (op == Op.MATCHES) {
                    return regexLiteral();
                }
                if (op == Op.WILDCARD || op == Op.STRICT_WILDCARD) {
                    return wildcardLiteral(op == Op.STRICT_WILDCARD);
                }
                break;
            case INT:
                if (order != null) {
                    return new IntMatcher.Compare(order, intLiteral());
                }
                if (op == Op.BITWISE_AND) {
                    return new IntMatcher.BitAnd(intLiteral());
                }
                break;
            case IP:
                if (order != null) {
                    int at = pos;
                    IpItem ip = ipItem(false);
                    if (ip == null) {
                        throw error(at, "invalid IP address", "an IPv4 or IPv6 address");
                    }
                    return new IpMatcher.Compare(order, ip.start);
                }
                break;
            default:
                break;
        }
        throw error(opAt, "the operator " + op.word() + " does not apply to a " + t, operatorsFor(t));
    }

    // ---- values -----------------------------------------------------------------------------

    private Value value() throws RuleSyntaxException {
        int start = pos;
        String ident = identifier();
        if (ident.isEmpty()) {
            throw error(pos, pos >= end ? "the expression ends too early" : "unexpected " + describeToken(),
                    "a field, a function, (, not or !");
        }
        Value v;
        if (peek() == '(') {
            if (!Functions.NAMES.contains(ident)) {
                throw error(start, "unknown function " + ident, "a function such as lower(...) or any(...)");
            }
            v = call(ident, start);
        } else {
            Field f = Field.byName(ident);
            if (f == null) {
                throw unknownField(ident, start);
            }
            v = new FieldRef(f);
        }
        while (peek() == '[') {
            v = access(v);
        }
        return v;
    }

    private RuleSyntaxException unknownField(String ident, int start) {
        if (KEYWORDS.contains(ident.toLowerCase(Locale.ROOT))) {
            return error(start, "unexpected keyword " + ident, "a field, a function, (, not or !");
        }
        if (Functions.NAMES.contains(ident)) {
            return error(start + ident.length(), ident + " is a function", "( after " + ident);
        }
        Field same = Field.byName(ident.toLowerCase(Locale.ROOT));
        if (same != null) {
            return error(start, "unknown field " + ident + " (names are case-sensitive)", same.fieldName());
        }
        return error(start, "unknown field " + ident, "a field such as http.host or cf.tls_client_auth.cert_verified");
    }

    private Value access(Value base) throws RuleSyntaxException {
        int at = pos;
        pos++;
        skipSpace();
        Access.Kind kind;
        int index = 0;
        String key = null;
        char c = pos < end ? src.charAt(pos) : 0;
        if (c == '*') {
            pos++;
            kind = Access.Kind.EACH;
        } else if (c == '"') {
            int keyAt = pos;
            key = ByteString.decodeStrict(quotedString());
            if (key == null) {
                throw error(keyAt, "a map key must be valid UTF-8", "a quoted key");
            }
            kind = Access.Kind.KEY;
        } else if (rawStringAhead()) {
            throw error(pos, "raw strings cannot be map keys", "a quoted key such as \"accept\"");
        } else if (c == '-') {
            throw error(pos, "array indexes cannot be negative", "an index from 0");
        } else if (c >= '0' && c <= '9') {
            int numAt = pos;
            long n = intLiteral();
            if (n > Integer.MAX_VALUE) {
                throw error(numAt, "array index " + n + " is too large", "an index up to " + Integer.MAX_VALUE);
            }
            index = (int) n;
            kind = Access.Kind.INDEX;
        } else {
            throw error(pos, "unexpected " + describeToken(), "an index, a quoted key or *");
        }
        skipSpace();
        if (peek() != ']') {
            throw error(pos, "unexpected " + describeToken(), "]");
        }
        pos++;
        Type container = base.type;
        if (!container.isContainer()) {
            throw error(at, "[...] needs an Array or a Map, but " + base + " is " + describe(base), "no index here");
        }
        if (kind == Access.Kind.INDEX && container.kind == Type.Kind.MAP) {
            throw error(at, base + " is a Map: index it with a quoted key", "[\"key\"] or [*]");
        }
        if (kind == Access.Kind.KEY && container.kind == Type.Kind.ARRAY) {
            throw error(at, base + " is an Array: index it with a number", "[n] or [*]");
        }
        return new Access(base, container.element, kind, index, key);
    }

    private Value call(String name, int start) throws RuleSyntaxException {
        if (name.equals("any") || name.equals("all")) {
            return quantifier(name, start);
        }
        enter(start);
        pos++;
        List<Value> args = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        skipSpace();
        if (peek() == ')') {
            pos++;
        } else {
            while (true) {
                skipSpace();
                offsets.add(pos);
                args.add(argument());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                    skipSpace();
                    if (peek() == ')') {
                        throw error(pos, "missing argument after ','", "an argument");
                    }
                    continue;
                }
                if (peek() == ')') {
                    pos++;
                    break;
                }
                throw error(pos, pos >= end ? "the call of " + name + "() is never closed" : "unexpected " + describeToken(),
                        "',' or ')'");
            }
        }
        offsets.add(pos - 1);
        depth--;
        if (args.isEmpty()) {
            throw error(pos - 1, name + "() needs arguments", "an argument");
        }
        return Functions.build(name, new Functions.Site() {
            @Override
            public List<Value> args() {
                return args;
            }

            @Override
            public int offset(int i) {
                return offsets.get(Math.min(i, offsets.size() - 1));
            }

            @Override
            public RuleSyntaxException error(int offset, String problem, String expected) {
                return Parser.this.error(offset, problem, expected);
            }
        });
    }

    private Node quantifier(String name, int start) throws RuleSyntaxException {
        enter(start);
        pos++;
        skipSpace();
        int argAt = pos;
        Value arg = argument();
        skipSpace();
        if (peek() != ')') {
            throw error(pos, pos >= end ? "the call of " + name + "() is never closed" : "unexpected " + describeToken(),
                    ") (" + name + "() takes one argument)");
        }
        pos++;
        depth--;
        if (!arg.type.equals(Type.BOOL_ARRAY) || arg.each) {
            throw error(argAt, name + "() needs an Array<Boolean> but this is " + describe(arg),
                    "a comparison on [*] such as http.request.headers.names[*] eq \"x\"");
        }
        return new ArrayLogic.Quantifier(name.equals("all"), arg);
    }

    private Value argument() throws RuleSyntaxException {
        skipSpace();
        int at = pos;
        if (pos >= end) {
            throw error(pos, "the expression ends too early", "an argument");
        }
        char c = src.charAt(pos);
        if (c == '"' || rawStringAhead()) {
            byte[] b = c == '"' ? quotedString() : rawString();
            return new Literal(Type.BYTES, b, ByteString.quote(b));
        }
        if (c == '(' || (c == '!' && !src.startsWith("!=", pos)) || wordAhead("not")) {
            return simple();
        }
        if ((c >= '0' && c <= '9') || c == '-' || c == ':') {
            int save = pos;
            String token = takeWhile("0123456789abcdefABCDEF:.");
            pos = save;
            if (token.indexOf(':') >= 0 || token.chars().filter(ch -> ch == '.').count() == 3) {
                IpItem ip = ipItem(false);
                return new Literal(Type.IP, ip.start, ip.start.toString());
            }
            long n = intLiteral();
            return new Literal(Type.INT, n, Long.toString(n));
        }
        if (wordAhead("true") || wordAhead("false")) {
            return simple();
        }
        return comparison(true);
    }

    // ---- literals ---------------------------------------------------------------------------

    private ByteString bytesLiteral() throws RuleSyntaxException {
        int at = pos;
        if (peek() == '"') {
            return new ByteString(quotedString());
        }
        if (rawStringAhead()) {
            return new ByteString(rawString());
        }
        byte[] list = byteList();
        if (list != null) {
            return new ByteString(list);
        }
        throw error(at, pos >= end ? "the expression ends too early" : "unexpected " + describeToken(),
                "a string literal such as \"text\"");
    }

    /** {@code 6F:72:67}: two or more hex pairs separated by ':', '-' or '.'; null if not one. */
    private byte[] byteList() {
        int save = pos;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            if (pos + 2 > end || hex(src.charAt(pos)) < 0 || hex(src.charAt(pos + 1)) < 0) {
                pos = save;
                return null;
            }
            out.write(hex(src.charAt(pos)) << 4 | hex(src.charAt(pos + 1)));
            pos += 2;
            char c = (char) peek();
            if ((c == ':' || c == '-' || c == '.') && pos + 1 < end && hex(src.charAt(pos + 1)) >= 0) {
                pos++;
                continue;
            }
            break;
        }
        if (out.size() < 2 || identChar(peek())) {
            pos = save;
            return null;
        }
        return out.toByteArray();
    }

    private static int hex(int c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }

    private byte[] quotedString() throws RuleSyntaxException {
        int start = pos;
        pos++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            if (pos >= end) {
                throw error(start, "unterminated string", "a closing \"");
            }
            char c = src.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toByteArray();
            }
            if (c != '\\') {
                int cp = src.codePointAt(pos);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                pos += Character.charCount(cp);
                continue;
            }
            char e = pos + 1 < end ? src.charAt(pos + 1) : 0;
            if (e == '"' || e == '\\') {
                out.write(e);
                pos += 2;
            } else if (e == 'x') {
                if (pos + 3 >= end || hex(src.charAt(pos + 2)) < 0 || hex(src.charAt(pos + 3)) < 0) {
                    throw error(pos, "invalid escape: \\x needs exactly two hex digits", "\\xHH");
                }
                out.write(hex(src.charAt(pos + 2)) << 4 | hex(src.charAt(pos + 3)));
                pos += 4;
            } else if (e >= '0' && e <= '7') {
                int v = 0;
                for (int i = 1; i <= 3; i++) {
                    char d = pos + i < end ? src.charAt(pos + i) : 0;
                    if (d < '0' || d > '7') {
                        throw error(pos, "invalid escape: an octal escape needs exactly three digits", "\\OOO");
                    }
                    v = v * 8 + (d - '0');
                }
                if (v > 255) {
                    throw error(pos, "invalid escape: octal value " + Integer.toOctalString(v) + " exceeds 377", "\\000 to \\377");
                }
                out.write(v);
                pos += 4;
            } else {
                throw error(pos, "invalid escape " + (e == 0 ? "\\ at the end" : "\\" + e),
                        "one of \\\" \\\\ \\xHH \\OOO (or a raw string r\"...\")");
            }
        }
    }

    private boolean rawStringAhead() {
        return peek() == 'r' && pos + 1 < end && (src.charAt(pos + 1) == '"' || src.charAt(pos + 1) == '#');
    }

    private byte[] rawString() throws RuleSyntaxException {
        int start = pos;
        pos++;
        int hashes = 0;
        while (peek() == '#') {
            hashes++;
            pos++;
        }
        if (hashes > 255) {
            throw error(start, "a raw string can have at most 255 #", "r\"...\" or r#\"...\"#");
        }
        if (peek() != '"') {
            throw error(pos, "unexpected " + describeToken(), "\" to start the raw string");
        }
        pos++;
        String close = "\"" + "#".repeat(hashes);
        int stop = src.indexOf(close, pos);
        if (stop < 0 || stop + close.length() > end) {
            throw error(start, "unterminated raw string", close);
        }
        byte[] b = src.substring(pos, stop).getBytes(StandardCharsets.UTF_8);
        pos = stop + close.length();
        return b;
    }

    private Matcher regexLiteral() throws RuleSyntaxException {
        int at = pos;
        String pattern;
        if (rawStringAhead()) {
            pattern = new String(rawString(), StandardCharsets.UTF_8);
        } else if (peek() == '"') {
            pattern = quotedRegex();
        } else {
            throw error(at, pos >= end ? "the expression ends too early" : "unexpected " + describeToken(),
                    "a regular expression in quotes, such as \"^/api/\"");
        }
        try {
            return new BytesMatcher.RegexMatch(Regex.compile(pattern));
        } catch (IllegalArgumentException e) {
            throw error(at, e.getMessage(), "a valid regular expression");
        }
    }

    /** Regex quoting: only {@code \"} outside a class is unescaped; a '"' in a class is literal. */
    private String quotedRegex() throws RuleSyntaxException {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        int classDepth = 0;
        while (true) {
            if (pos >= end) {
                throw error(start, "unterminated regular expression", "a closing \"");
            }
            char c = src.charAt(pos);
            if (c == '\\' && pos + 1 < end) {
                char n = src.charAt(pos + 1);
                if (n == '"' && classDepth == 0) {
                    sb.append('"');
                } else {
                    sb.append(c).append(n);
                }
                pos += 2;
                continue;
            }
            if (c == '"' && classDepth == 0) {
                pos++;
                return sb.toString();
            }
            sb.append(c);
            pos++;
            if (c == '[') {
                classDepth++;
                if (peek() == '^') {
                    sb.append('^');
                    pos++;
                }
                if (peek() == ']') {
                    sb.append(']');
                    pos++;
                }
            } else if (c == ']' && classDepth > 0) {
                classDepth--;
            }
        }
    }

    private Matcher wildcardLiteral(boolean strict) throws RuleSyntaxException {
        int at = pos;
        byte[] pattern;
        if (peek() == '"') {
            pattern = quotedString();
        } else if (rawStringAhead()) {
            pattern = rawString();
        } else {
            throw error(at, pos >= end ? "the expression ends too early" : "unexpected " + describeToken(),
                    "a quoted wildcard pattern such as \"*.example.com\"");
        }
        try {
            return new BytesMatcher.WildcardMatch(Wildcard.compile(pattern, strict));
        } catch (IllegalArgumentException e) {
            throw error(at, e.getMessage(), "a valid wildcard pattern");
        }
    }

    private long intLiteral() throws RuleSyntaxException {
        int at = pos;
        boolean negative = peek() == '-';
        if (negative) {
            pos++;
        }
        String digits = takeWhile("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_");
        if (digits.isEmpty()) {
            throw error(at, pos >= end ? "the expression ends too early" : "unexpected " + describeToken(), "an integer");
        }
        if (peek() == '.' && !src.startsWith("..", pos)) {
            throw error(at, "floating-point numbers are not supported", "an integer");
        }
        int radix = 10;
        String body = digits;
        if (digits.startsWith("0x")) {
            if (negative) {
                throw error(at, "a hexadecimal integer cannot be negative", "a decimal integer such as -1");
            }
            radix = 16;
            body = digits.substring(2);
        } else if (digits.length() > 1 && digits.charAt(0) == '0') {
            radix = 8;
            body = digits.substring(1);
        }
        for (int i = 0; i < body.length(); i++) {
            if (Character.digit(body.charAt(i), radix) < 0) {
                String kind = radix == 16 ? "hexadecimal" : radix == 8 ? "octal (it starts with 0)" : "decimal";
                throw error(at, "invalid " + kind + " integer " + (negative ? "-" : "") + digits, "an integer");
            }
        }
        if (body.isEmpty()) {
            throw error(at, "invalid integer " + digits, "an integer");
        }
        BigInteger v = new BigInteger(body, radix);
        if (negative) {
            v = v.negate();
        }
        if (v.bitLength() > 63) {
            throw error(at, "integer " + (negative ? "-" : "") + digits + " does not fit in 64 bits",
                    "an integer from -9223372036854775808 to 9223372036854775807");
        }
        return v.longValue();
    }

    /** An address, or inside a set also a CIDR or an {@code a..b} range, as an inclusive range. */
    private static final class IpItem {
        final IpAddress start;
        final IpAddress end;
        final String text;

        IpItem(IpAddress start, IpAddress end, String text) {
            this.start = start;
            this.end = end;
            this.text = text;
        }
    }

    private IpItem ipItem(boolean inSet) throws RuleSyntaxException {
        int at = pos;
        if (peek() == '"') {
            throw error(at, "IP addresses are written without quotes", "an IP address such as 192.0.2.1");
        }
        String text = takeWhile("0123456789abcdefABCDEF:./");
        if (text.isEmpty() || identChar(peek())) {
            throw error(at, pos >= end ? "the expression ends too early" : "unexpected " + describeToken(),
                    inSet ? "an IP address, CIDR or range" : "an IP address such as 192.0.2.1");
        }
        try {
            return parseIpItem(text, inSet);
        } catch (IllegalArgumentException e) {
            throw error(at, e.getMessage(), inSet ? "an IP address, CIDR (192.0.2.0/24) or range (a..b)"
                    : "an IP address such as 192.0.2.1");
        }
    }

    /** Shared by literals and list items; IllegalArgumentException says what is wrong. */
    static IpItem parseIpItem(String text, boolean inSet) {
        int range = text.indexOf("..");
        int slash = text.indexOf('/');
        if ((range >= 0 || slash >= 0) && !inSet) {
            throw new IllegalArgumentException((slash >= 0 ? "a CIDR" : "a range") + " like " + text
                    + " is only allowed in a set: use in {" + text + "}");
        }
        if (range >= 0) {
            IpAddress a = address(text.substring(0, range));
            IpAddress b = address(text.substring(range + 2));
            if (a.isV4() != b.isV4()) {
                throw new IllegalArgumentException("the range " + text + " mixes IPv4 and IPv6");
            }
            if (a.compareTo(b) > 0) {
                throw new IllegalArgumentException("the range " + text + " is reversed");
            }
            return new IpItem(a, b, a + ".." + b);
        }
        if (slash >= 0) {
            IpAddress base = address(text.substring(0, slash));
            String bitsText = text.substring(slash + 1);
            int max = base.isV4() ? 32 : 128;
            if (!bitsText.matches("[0-9]{1,3}") || Integer.parseInt(bitsText) > max) {
                throw new IllegalArgumentException("invalid prefix length /" + bitsText + " (0 to " + max + ")");
            }
            int bits = Integer.parseInt(bitsText);
            if (!base.mask(bits).equals(base)) {
                throw new IllegalArgumentException("the CIDR " + text + " has host bits set; did you mean "
                        + base.mask(bits) + "/" + bits + "?");
            }
            return new IpItem(base, IpRanges.lastOf(base, bits), base + "/" + bits);
        }
        IpAddress a = address(text);
        return new IpItem(a, a, a.toString());
    }

    private static IpAddress address(String text) {
        try {
            return IpAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid IP address " + text);
        }
    }

    // ---- sets and lists ---------------------------------------------------------------------

    private Matcher set(Type t) throws RuleSyntaxException {
        int start = pos;
        if (peek() != '{') {
            throw error(pos, pos >= end ? "the expression ends too early" : "unexpected " + describeToken(),
                    "a set such as {\"a\" \"b\"} or a list such as $name");
        }
        pos++;
        List<ByteString> strings = new ArrayList<>();
        LongRanges.Builder ints = new LongRanges.Builder();
        IpRanges.Builder ips = new IpRanges.Builder();
        StringBuilder printed = new StringBuilder("{");
        while (true) {
            skipSpace();
            if (peek() == '}') {
                pos++;
                break;
            }
            if (pos >= end) {
                throw error(start, "this set is never closed", "}");
            }
            if (peek() == ',') {
                throw error(pos, "commas are not allowed in sets", "a space between the items");
            }
            if (printed.length() > 1) {
                printed.append(' ');
            }
            switch (t.kind) {
                case BYTES: {
                    ByteString b = bytesLiteral();
                    strings.add(b);
                    printed.append(b);
                    break;
                }
                case INT: {
                    int at = pos;
                    long lo = intLiteral();
                    long hi = lo;
                    if (src.startsWith("..", pos)) {
                        pos += 2;
                        hi = intLiteral();
                        if (lo > hi) {
                            throw error(at, "the range " + lo + ".." + hi + " is reversed", "lo..hi with lo <= hi");
                        }
                        printed.append(lo).append("..").append(hi);
                    } else {
                        printed.append(lo);
                    }
                    ints.add(lo, hi);
                    break;
                }
                case IP: {
                    IpItem item = ipItem(true);
                    ips.add(item.start, item.end);
                    printed.append(item.text);
                    break;
                }
                default:
                    throw error(start, "in does not apply to a " + t, operatorsFor(t));
            }
        }
        printed.append('}');
        return matcherFor(t, strings, ints, ips, printed.toString());
    }

    private static Matcher matcherFor(Type t, List<ByteString> strings, LongRanges.Builder ints,
            IpRanges.Builder ips, String printed) {
        switch (t.kind) {
            case BYTES: return new BytesMatcher.InSet(strings, printed);
            case INT: return new IntMatcher.InRanges(ints.build(), printed);
            default: return new IpMatcher.InRanges(ips.build(), printed);
        }
    }

    private Matcher list(Type t) throws RuleSyntaxException {
        int at = pos;
        pos++;
        String name = takeWhile("abcdefghijklmnopqrstuvwxyz0123456789_.");
        if (!NamedLists.isValidName(name) || identChar(peek())) {
            throw error(at, "invalid list name $" + name + takeWhile("ABCDEFGHIJKLMNOPQRSTUVWXYZ-"),
                    "a list name of lowercase letters, digits and _");
        }
        List<String> items = lists.items(name);
        if (items == null) {
            throw error(at, "unknown list $" + name, lists.names().isEmpty() ? "a list defined in the configuration"
                    : "one of the configured lists: $" + String.join(", $", lists.names()));
        }
        List<ByteString> strings = new ArrayList<>();
        LongRanges.Builder ints = new LongRanges.Builder();
        IpRanges.Builder ips = new IpRanges.Builder();
        for (String item : items) {
            try {
                switch (t.kind) {
                    case BYTES:
                        strings.add(ByteString.of(item));
                        break;
                    case INT: {
                        String s = item.trim();
                        int dots = s.indexOf("..", 1);
                        long lo = Long.parseLong(dots < 0 ? s : s.substring(0, dots));
                        long hi = dots < 0 ? lo : Long.parseLong(s.substring(dots + 2));
                        if (lo > hi) {
                            throw new IllegalArgumentException("reversed range");
                        }
                        ints.add(lo, hi);
                        break;
                    }
                    case IP: {
                        IpItem ip = parseIpItem(item.trim(), true);
                        ips.add(ip.start, ip.end);
                        break;
                    }
                    default:
                        throw error(at, "in does not apply to a " + t, operatorsFor(t));
                }
            } catch (IllegalArgumentException e) {
                String what = t.kind == Type.Kind.IP ? "an IP address, CIDR or range" : "an integer or range lo..hi";
                throw error(at, "list $" + name + " has an item that is not " + what + ": '" + item + "'"
                        + (e.getMessage() != null && !(e instanceof NumberFormatException) ? " (" + e.getMessage() + ")" : ""),
                        what).inList(name);
            }
        }
        return matcherFor(t, strings, ints, ips, "$" + name);
    }

    // ---- characters -------------------------------------------------------------------------

    private int peek() {
        return pos < end ? src.charAt(pos) : -1;
    }

    private void skipSpace() throws RuleSyntaxException {
        while (pos < end) {
            char c = src.charAt(pos);
            if (c == '\t') {
                throw error(pos, "tab characters are not allowed between tokens", "a space");
            }
            if (c != ' ' && c != '\r' && c != '\n') {
                return;
            }
            pos++;
        }
    }

    private static boolean identChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** {@code [A-Za-z0-9_]+} segments joined by single dots. */
    private String identifier() {
        int start = pos;
        while (true) {
            int segment = pos;
            while (identChar(peek())) {
                pos++;
            }
            if (pos == segment) {
                if (pos > start) {
                    pos--; // give back a trailing '.'
                }
                break;
            }
            if (peek() == '.' && pos + 1 < end && identChar(src.charAt(pos + 1))) {
                pos++;
                continue;
            }
            break;
        }
        return src.substring(start, pos);
    }

    private boolean wordAhead(String word) {
        return src.startsWith(word, pos) && pos + word.length() <= end && wordEndsAt(pos + word.length());
    }

    private boolean wordEndsAt(int i) {
        return i >= end || !(identChar(src.charAt(i)) || src.charAt(i) == '.');
    }

    private String peekWord() {
        return peekWordAt(pos);
    }

    private String peekWordAt(int at) {
        int i = at;
        while (i < end && identChar(src.charAt(i))) {
            i++;
        }
        return src.substring(at, i);
    }

    private String takeWhile(String allowed) {
        int start = pos;
        while (pos < end && allowed.indexOf(src.charAt(pos)) >= 0) {
            pos++;
        }
        return src.substring(start, pos);
    }

    private String describeToken() {
        if (pos >= end) {
            return "end of the expression";
        }
        String word = peekWord();
        if (!word.isEmpty()) {
            return "'" + word + "'";
        }
        int cp = src.codePointAt(pos);
        if (pos + 1 < end && "=!<>&|^".indexOf(cp) >= 0 && "=&|^".indexOf(src.charAt(pos + 1)) >= 0) {
            return "'" + src.substring(pos, pos + 2) + "'";
        }
        return "'" + new String(Character.toChars(cp)) + "'";
    }
}
