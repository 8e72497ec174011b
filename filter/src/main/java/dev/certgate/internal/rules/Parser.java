package dev.certgate.internal.rules;

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

    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "xor",
            "not",
            "eq",
            "ne",
            "lt",
            "le",
            "gt",
            "ge",
            "contains",
            "matches",
            "wildcard",
            "strict",
            "in",
            "bitwise_and");
    private static final String LOGICAL_OR_END = "and, or, xor or the end of the expression";

    private enum Op {
        EQ,
        NE,
        LT,
        LE,
        GT,
        GE,
        CONTAINS,
        MATCHES,
        WILDCARD,
        STRICT_WILDCARD,
        IN,
        BITWISE_AND;

        Matcher.Order order() {
            return ordinal() <= GE.ordinal() ? Matcher.Order.values()[ordinal()] : null;
        }

        String word() {
            return this == STRICT_WILDCARD ? "strict wildcard" : name().toLowerCase(Locale.ROOT);
        }
    }

    private final Scanner in;
    private final NamedLists lists;
    private int depth;

    private Parser(String src, NamedLists lists) {
        this.in = new Scanner(src);
        this.lists = lists;
    }

    static Node parse(String src, NamedLists lists) throws RuleSyntaxException {
        if (src.length() > MAX_LENGTH) {
            throw new RuleSyntaxException(
                    src,
                    MAX_LENGTH,
                    "the expression is longer than " + MAX_LENGTH + " characters",
                    "at most " + MAX_LENGTH + " characters");
        }
        return new Parser(src, lists).filter();
    }

    private RuleSyntaxException error(int at, String problem, String expected) {
        return in.error(at, problem, expected);
    }

    // ---- logical level -------------------------------------------------------------------

    private Node filter() throws RuleSyntaxException {
        int start = in.pos;
        if (in.pos >= in.end) {
            throw error(in.pos, "the expression is empty", "an expression such as http.host eq \"example.com\"");
        }
        Value v = level(Logic.Op.OR);
        in.skipSpace();
        if (in.pos < in.end) {
            throw unexpectedAfterExpression();
        }
        if (!v.type.equals(Type.BOOL)) {
            throw error(
                    start,
                    "the expression is " + describe(v) + ", not a Boolean",
                    "a Boolean expression; use any(...) or all(...) around [*] comparisons");
        }
        return (Node) v;
    }

    private RuleSyntaxException unexpectedAfterExpression() {
        String word = in.peekWord();
        if (opAhead() != null) {
            return error(
                    in.pos,
                    "comparisons cannot be chained; " + in.describeToken() + " follows a complete comparison",
                    LOGICAL_OR_END);
        }
        if (KEYWORDS.contains(word.toLowerCase(Locale.ROOT)) && !KEYWORDS.contains(word)) {
            return error(in.pos, "keywords are lowercase: write " + word.toLowerCase(Locale.ROOT), LOGICAL_OR_END);
        }
        if (in.peek() == ')') {
            return error(in.pos, "unbalanced ')' without a matching '('", LOGICAL_OR_END);
        }
        return error(in.pos, "unexpected " + in.describeToken(), LOGICAL_OR_END);
    }

    private Value level(Logic.Op level) throws RuleSyntaxException {
        List<Value> operands = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        offsets.add(in.pos);
        operands.add(operand(level));
        while (true) {
            int save = in.pos;
            in.skipSpace();
            int opLen = logicalAhead(level);
            if (opLen == 0) {
                in.pos = save;
                break;
            }
            in.pos += opLen;
            in.skipSpace();
            offsets.add(in.pos);
            operands.add(operand(level));
        }
        if (operands.size() == 1) {
            return operands.get(0);
        }
        boolean arrays = operands.get(0).type.equals(Type.BOOL_ARRAY);
        for (int i = 0; i < operands.size(); i++) {
            if (operands.get(i).type.equals(Type.BOOL_ARRAY) != arrays) {
                throw error(
                        offsets.get(i),
                        "'" + level.word + "' cannot combine a Boolean with an Array<Boolean>",
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
            case OR:
                return level(Logic.Op.XOR);
            case XOR:
                return level(Logic.Op.AND);
            default:
                return simple();
        }
    }

    /** Length of the logical operator of this level at pos, or 0. */
    private int logicalAhead(Logic.Op level) {
        String symbol = level == Logic.Op.OR ? "||" : level == Logic.Op.XOR ? "^^" : "&&";
        if (in.src.startsWith(symbol, in.pos) && in.pos + 2 <= in.end) {
            return 2;
        }
        return in.wordAhead(level.word) ? level.word.length() : 0;
    }

    private Value simple() throws RuleSyntaxException {
        in.skipSpace();
        int at = in.pos;
        if (in.pos >= in.end) {
            throw error(in.pos, "the expression ends too early", "a field, a function, (, not or !");
        }
        char c = in.src.charAt(in.pos);
        if (c == '(') {
            enter(at);
            in.pos++;
            Value inner = level(Logic.Op.OR);
            in.skipSpace();
            if (in.peek() != ')') {
                throw in.pos >= in.end
                        ? error(at, "this '(' is never closed", "a matching ')'")
                        : error(in.pos, "unexpected " + in.describeToken(), "and, or, xor or )");
            }
            in.pos++;
            depth--;
            return inner.type.equals(Type.BOOL) ? new Logic.Group((Node) inner) : new ArrayLogic.Unary(inner, false);
        }
        boolean bang = c == '!' && !in.src.startsWith("!=", in.pos);
        if (bang || in.wordAhead("not")) {
            enter(at);
            in.pos += bang ? 1 : 3;
            Value operand = simple();
            depth--;
            return operand.type.equals(Type.BOOL)
                    ? new Logic.Not(Node.of(operand))
                    : new ArrayLogic.Unary(operand, true);
        }
        if (in.wordAhead("true") || in.wordAhead("false")) {
            boolean value = in.wordAhead("true");
            in.pos += value ? 4 : 5;
            return new Logic.Constant(value);
        }
        return comparison(false);
    }

    private void enter(int at) throws RuleSyntaxException {
        if (++depth > MAX_DEPTH) {
            throw error(
                    at,
                    "the expression is nested more than " + MAX_DEPTH + " levels deep",
                    "fewer nested parentheses, not or function calls");
        }
    }

    // ---- comparisons -----------------------------------------------------------------------

    private Value comparison(boolean asArgument) throws RuleSyntaxException {
        Value lhs = value();
        int save = in.pos;
        in.skipSpace();
        int opAt = in.pos;
        Op op = opAhead();
        if (op == null) {
            in.pos = save;
            if (asArgument) {
                return lhs;
            }
            if (lhs.type.equals(Type.BOOL) && !lhs.each) {
                return lhs instanceof FieldRef ? new BoolFieldNode(((FieldRef) lhs).field) : Node.of(lhs);
            }
            if (lhs.type.equals(Type.BOOL_ARRAY) && !lhs.each) {
                return lhs;
            }
            String word = in.peekWordAt(opAt);
            if (KEYWORDS.contains(word.toLowerCase(Locale.ROOT)) && !KEYWORDS.contains(word)) {
                throw error(
                        opAt, "keywords are lowercase: write " + word.toLowerCase(Locale.ROOT), operatorsFor(lhs.type));
            }
            throw error(opAt, lhs + " is " + describe(lhs) + " and needs a comparison", operatorsFor(lhs.type));
        }
        if (lhs.type.kind == Type.Kind.BOOL || lhs.type.equals(Type.BOOL_ARRAY) && !lhs.each) {
            throw error(opAt, "a Boolean takes no operator: write " + lhs + " or not " + lhs, LOGICAL_OR_END);
        }
        if (lhs.type.isContainer()) {
            throw error(
                    opAt,
                    "operators do not apply to a whole " + lhs.type + "; pick elements with [n], [\"key\"] or [*]",
                    "an index after " + lhs);
        }
        in.pos += opLength(op);
        in.skipSpace();
        Matcher matcher = rhs(op, lhs.type, opAt);
        return lhs.each ? new Comparison.OnEach(lhs, matcher) : Comparison.of(lhs, matcher);
    }

    private static String operatorsFor(Type t) {
        switch (t.kind) {
            case BYTES:
                return "eq, ne, lt, le, gt, ge, contains, matches, wildcard, strict wildcard or in";
            case INT:
                return "eq, ne, lt, le, gt, ge, in or bitwise_and";
            case IP:
                return "eq, ne, lt, le, gt, ge or in";
            case BOOL:
                return LOGICAL_OR_END;
            default:
                return "[n], [\"key\"] or [*] to pick elements";
        }
    }

    private static String describe(Value v) {
        return "a " + v.type + (v.each ? " element of [*]" : "");
    }

    private Op opAhead() {
        if (in.pos >= in.end) {
            return null;
        }
        String[][] symbols = {
            {"==", "EQ"}, {"!=", "NE"}, {"<=", "LE"}, {">=", "GE"}, {"<", "LT"}, {">", "GT"}, {"~", "MATCHES"}
        };
        for (String[] s : symbols) {
            if (in.src.startsWith(s[0], in.pos)) {
                return Op.valueOf(s[1]);
            }
        }
        if (in.src.startsWith("&", in.pos) && !in.src.startsWith("&&", in.pos)) {
            return Op.BITWISE_AND;
        }
        if (in.src.startsWith("strict wildcard", in.pos) && in.wordEndsAt(in.pos + "strict wildcard".length())) {
            return Op.STRICT_WILDCARD;
        }
        for (Op op : Op.values()) {
            if (op != Op.STRICT_WILDCARD && in.wordAhead(op.word())) {
                return op;
            }
        }
        return null;
    }

    private int opLength(Op op) {
        char c = in.src.charAt(in.pos);
        if (Character.isLetter(c)) {
            return op.word().length();
        }
        return (op == Op.LT || op == Op.GT || op == Op.MATCHES || op == Op.BITWISE_AND) ? 1 : 2;
    }

    private Matcher rhs(Op op, Type t, int opAt) throws RuleSyntaxException {
        if (op == Op.IN) {
            return in.peek() == '$' ? list(t) : set(t);
        }
        Matcher.Order order = op.order();
        switch (t.kind) {
            case BYTES:
                if (order != null) {
                    return new BytesMatcher.Compare(order, in.bytesLiteral());
                }
                if (op == Op.CONTAINS) {
                    return new BytesMatcher.Contains(in.bytesLiteral());
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
                    return IntMatcher.compare(order, in.intLiteral());
                }
                if (op == Op.BITWISE_AND) {
                    return IntMatcher.bitAnd(in.intLiteral());
                }
                break;
            case IP:
                if (order != null) {
                    int at = in.pos;
                    Scanner.IpItem ip = in.ipItem(false);
                    if (ip == null) {
                        throw error(at, "invalid IP address", "an IPv4 or IPv6 address");
                    }
                    return IpMatcher.compare(order, ip.start);
                }
                break;
            default:
                break;
        }
        throw error(opAt, "the operator " + op.word() + " does not apply to a " + t, operatorsFor(t));
    }

    // ---- values -----------------------------------------------------------------------------

    private Value value() throws RuleSyntaxException {
        int start = in.pos;
        String ident = in.identifier();
        if (ident.isEmpty()) {
            throw error(
                    in.pos,
                    in.pos >= in.end ? "the expression ends too early" : "unexpected " + in.describeToken(),
                    "a field, a function, (, not or !");
        }
        Value v;
        // Cloudflare allows white space between a function's name and its '('.
        int paren = in.parenthesisAfterSpaces();
        String refused = Functions.REFUSED.get(ident);
        if (refused != null && (paren >= 0 || Field.byName(ident) == null)) {
            throw error(start, ident + "() is not supported: " + refused, "another function");
        }
        if (paren >= 0 && (Functions.NAMES.contains(ident) || Field.byName(ident) == null)) {
            if (!Functions.NAMES.contains(ident)) {
                throw error(start, "unknown function " + ident, "a function such as lower(...) or any(...)");
            }
            in.pos = paren;
            v = call(ident, start);
        } else {
            Field f = Field.byName(ident);
            if (f == null) {
                throw unknownField(ident, start);
            }
            v = new FieldRef(f);
        }
        while (in.peek() == '[') {
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
        String cloudflareOnly = CloudflareOnly.reason(ident);
        if (cloudflareOnly != null) {
            return error(
                    start,
                    ident + " is a Cloudflare-only field: it needs " + cloudflareOnly
                            + ", which an application server does not have",
                    "a field certgate computes (docs/rules.md)");
        }
        Field same = Field.byName(ident.toLowerCase(Locale.ROOT));
        if (same != null) {
            return error(start, "unknown field " + ident + " (names are case-sensitive)", same.fieldName());
        }
        return error(start, "unknown field " + ident, "a field such as http.host or cf.tls_client_auth.cert_verified");
    }

    private Value access(Value base) throws RuleSyntaxException {
        int at = in.pos;
        in.pos++;
        in.skipSpace();
        Access.Kind kind;
        int index = 0;
        String key = null;
        char c = in.pos < in.end ? in.src.charAt(in.pos) : 0;
        if (c == '*') {
            in.pos++;
            kind = Access.Kind.EACH;
        } else if (c == '"') {
            int keyAt = in.pos;
            key = ByteString.decodeStrict(in.quotedString());
            if (key == null) {
                throw error(keyAt, "a map key must be valid UTF-8", "a quoted key");
            }
            kind = Access.Kind.KEY;
        } else if (in.rawStringAhead()) {
            throw error(in.pos, "raw strings cannot be map keys", "a quoted key such as \"accept\"");
        } else if (c == '-') {
            throw error(in.pos, "array indexes cannot be negative", "an index from 0");
        } else if (c >= '0' && c <= '9') {
            int numAt = in.pos;
            long n = in.intLiteral();
            if (n > Integer.MAX_VALUE) {
                throw error(numAt, "array index " + n + " is too large", "an index up to " + Integer.MAX_VALUE);
            }
            index = (int) n;
            kind = Access.Kind.INDEX;
        } else {
            throw error(in.pos, "unexpected " + in.describeToken(), "an index, a quoted key or *");
        }
        in.skipSpace();
        if (in.peek() != ']') {
            throw error(in.pos, "unexpected " + in.describeToken(), "]");
        }
        in.pos++;
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
        if (Functions.QUANTIFIERS.contains(name)) {
            return quantifier(name, start);
        }
        enter(start);
        in.pos++;
        List<Value> args = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        in.skipSpace();
        if (in.peek() == ')') {
            in.pos++;
        } else {
            while (true) {
                in.skipSpace();
                offsets.add(in.pos);
                args.add(argument());
                in.skipSpace();
                if (in.peek() == ',') {
                    in.pos++;
                    in.skipSpace();
                    if (in.peek() == ')') {
                        throw error(in.pos, "missing argument after ','", "an argument");
                    }
                    continue;
                }
                if (in.peek() == ')') {
                    in.pos++;
                    break;
                }
                throw error(
                        in.pos,
                        in.pos >= in.end
                                ? "the call of " + name + "() is never closed"
                                : "unexpected " + in.describeToken(),
                        "',' or ')'");
            }
        }
        offsets.add(in.pos - 1);
        depth--;
        if (args.isEmpty()) {
            throw error(in.pos - 1, name + "() needs arguments", "an argument");
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
        in.pos++;
        in.skipSpace();
        int argAt = in.pos;
        Value arg = quantifierArgument(argAt);
        in.skipSpace();
        if (in.peek() != ')') {
            throw error(
                    in.pos,
                    in.pos >= in.end
                            ? "the call of " + name + "() is never closed"
                            : "unexpected " + in.describeToken(),
                    ") (" + name + "() takes one argument)");
        }
        in.pos++;
        depth--;
        if (!arg.type.equals(Type.BOOL_ARRAY) || arg.each) {
            throw error(
                    argAt,
                    name + "() needs an Array<Boolean> but this is " + describe(arg),
                    "a comparison on [*] such as http.request.headers.names[*] eq \"x\"");
        }
        return new ArrayLogic.Quantifier(name.equals("all"), arg);
    }

    /**
     * The argument of any()/all(): one value or comparison like any other argument, or else a whole
     * logical expression ({@code any(not a[*] eq "x" or a[*] eq "y")}), which Cloudflare accepts.
     */
    private Value quantifierArgument(int argAt) throws RuleSyntaxException {
        RuleSyntaxException single;
        int savedDepth = depth;
        try {
            Value arg = argument();
            int save = in.pos;
            in.skipSpace();
            boolean closed = in.peek() == ')' || in.pos >= in.end;
            in.pos = save;
            if (closed) {
                return arg;
            }
            single = null;
        } catch (RuleSyntaxException e) {
            single = e;
        }
        in.pos = argAt;
        depth = savedDepth;
        try {
            return level(Logic.Op.OR);
        } catch (RuleSyntaxException e) {
            throw single != null ? single : e;
        }
    }

    private Value argument() throws RuleSyntaxException {
        in.skipSpace();
        int at = in.pos;
        if (in.pos >= in.end) {
            throw error(in.pos, "the expression ends too early", "an argument");
        }
        char c = in.src.charAt(in.pos);
        if (c == '"' || in.rawStringAhead()) {
            byte[] b = c == '"' ? in.quotedString() : in.rawString();
            return new Literal(Type.BYTES, b, ByteString.quote(b));
        }
        if (c == '(' || (c == '!' && !in.src.startsWith("!=", in.pos)) || in.wordAhead("not")) {
            return simple();
        }
        if ((c >= '0' && c <= '9') || c == '-' || c == ':') {
            int save = in.pos;
            String token = in.takeWhile("0123456789abcdefABCDEF:.");
            in.pos = save;
            if (token.indexOf(':') >= 0 || token.chars().filter(ch -> ch == '.').count() == 3) {
                Scanner.IpItem ip = in.ipItem(false);
                return new Literal(Type.IP, ip.start, ip.start.toString());
            }
            long n = in.intLiteral();
            return new Literal(Type.INT, n, Long.toString(n));
        }
        if (in.wordAhead("true") || in.wordAhead("false")) {
            return simple();
        }
        return comparison(true);
    }

    private Matcher regexLiteral() throws RuleSyntaxException {
        int at = in.pos;
        String pattern;
        if (in.rawStringAhead()) {
            pattern = new String(in.rawString(), StandardCharsets.UTF_8);
        } else if (in.peek() == '"') {
            pattern = in.quotedRegex();
        } else {
            throw error(
                    at,
                    in.pos >= in.end ? "the expression ends too early" : "unexpected " + in.describeToken(),
                    "a regular expression in quotes, such as \"^/api/\"");
        }
        try {
            return new BytesMatcher.RegexMatch(Regex.compile(pattern));
        } catch (IllegalArgumentException e) {
            throw error(at, e.getMessage(), "a valid regular expression");
        }
    }

    private Matcher wildcardLiteral(boolean strict) throws RuleSyntaxException {
        int at = in.pos;
        byte[] pattern;
        if (in.peek() == '"') {
            pattern = in.quotedString();
        } else if (in.rawStringAhead()) {
            pattern = in.rawString();
        } else {
            throw error(
                    at,
                    in.pos >= in.end ? "the expression ends too early" : "unexpected " + in.describeToken(),
                    "a quoted wildcard pattern such as \"*.example.com\"");
        }
        try {
            return new BytesMatcher.WildcardMatch(Wildcard.compile(pattern, strict));
        } catch (IllegalArgumentException e) {
            throw error(at, e.getMessage(), "a valid wildcard pattern");
        }
    }

    // ---- sets and lists ---------------------------------------------------------------------

    private Matcher set(Type t) throws RuleSyntaxException {
        int start = in.pos;
        if (in.peek() != '{') {
            throw error(
                    in.pos,
                    in.pos >= in.end ? "the expression ends too early" : "unexpected " + in.describeToken(),
                    "a set such as {\"a\" \"b\"} or a list such as $name");
        }
        in.pos++;
        List<ByteString> strings = new ArrayList<>();
        LongRanges.Builder ints = new LongRanges.Builder();
        IpRanges.Builder ips = new IpRanges.Builder();
        StringBuilder printed = new StringBuilder("{");
        while (true) {
            in.skipSpace();
            if (in.peek() == '}') {
                in.pos++;
                break;
            }
            if (in.pos >= in.end) {
                throw error(start, "this set is never closed", "}");
            }
            if (in.peek() == ',') {
                throw error(in.pos, "commas are not allowed in sets", "a space between the items");
            }
            if (printed.length() > 1) {
                printed.append(' ');
            }
            switch (t.kind) {
                case BYTES: {
                    ByteString b = in.bytesLiteral();
                    strings.add(b);
                    printed.append(b);
                    break;
                }
                case INT: {
                    int at = in.pos;
                    long lo = in.intLiteral();
                    long hi = lo;
                    if (in.src.startsWith("..", in.pos)) {
                        in.pos += 2;
                        hi = in.intLiteral();
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
                    Scanner.IpItem item = in.ipItem(true);
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

    private static Matcher matcherFor(
            Type t, List<ByteString> strings, LongRanges.Builder ints, IpRanges.Builder ips, String printed) {
        switch (t.kind) {
            case BYTES:
                return new BytesMatcher.InSet(strings, printed);
            case INT:
                return IntMatcher.in(ints.build(), printed);
            default:
                return IpMatcher.in(ips.build(), printed);
        }
    }

    private Matcher list(Type t) throws RuleSyntaxException {
        int at = in.pos;
        in.pos++;
        String name = in.takeWhile("abcdefghijklmnopqrstuvwxyz0123456789_.");
        if (!NamedLists.isValidName(name) || Scanner.identChar(in.peek())) {
            throw error(
                    at,
                    "invalid list name $" + name + in.takeWhile("ABCDEFGHIJKLMNOPQRSTUVWXYZ-"),
                    "a list name of lowercase letters, digits and _");
        }
        List<String> items = lists.items(name);
        if (items == null) {
            throw error(
                    at,
                    "unknown list $" + name,
                    lists.names().isEmpty()
                            ? "a list defined in the configuration"
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
                        Scanner.IpItem ip = Scanner.parseIpItem(item.trim(), true);
                        ips.add(ip.start, ip.end);
                        break;
                    }
                    default:
                        throw error(at, "in does not apply to a " + t, operatorsFor(t));
                }
            } catch (IllegalArgumentException e) {
                String what = t.kind == Type.Kind.IP ? "an IP address, CIDR or range" : "an integer or range lo..hi";
                throw error(
                                at,
                                "list $" + name + " has an item that is not " + what + ": '" + item + "'"
                                        + (e.getMessage() != null && !(e instanceof NumberFormatException)
                                                ? " (" + e.getMessage() + ")"
                                                : ""),
                                what)
                        .inList(name);
            }
        }
        return matcherFor(t, strings, ints, ips, "$" + name);
    }
}
