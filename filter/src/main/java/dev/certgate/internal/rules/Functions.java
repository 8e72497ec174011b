package dev.certgate.internal.rules;

import dev.certgate.internal.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The functions of the language, one table of name, signature and builder: argument checks at
 * compile time, bodies at run time.
 */
final class Functions {
    private Functions() {}

    /** One function: its signature as messages and docs show it, and what compiles a call of it. */
    record Function(String name, String signature, Builder builder) {}

    /** Checks a call's arguments and compiles it. */
    interface Builder {
        Value build(Function fn, Site site) throws RuleSyntaxException;
    }

    /** The parsed call site, for argument checks that point at the offending argument. */
    interface Site {
        List<Value> args();

        /** Source offset of argument i (or of the closing parenthesis when i == args().size()). */
        int offset(int i);

        RuleSyntaxException error(int offset, String problem, String expected);
    }

    /** {@code any()} and {@code all()}: the parser compiles them itself, as their argument is a whole expression. */
    static final Set<String> QUANTIFIERS = Set.of("any", "all");

    /** Every function, by name. */
    static final Map<String, Function> TABLE = table(
            new Function("concat", "concat(String, String, ...) or concat(Array, Array, ...)", Functions::concat),
            new Function("lower", "lower(String)", Functions::lower),
            new Function("upper", "upper(String)", (fn, site) -> bytesToBytes(fn, site, Functions::upper)),
            new Function("len", "len(String) or len(Array)", Functions::len),
            new Function("starts_with", "starts_with(String field, String)", (fn, site) -> affix(fn, site, true)),
            new Function("ends_with", "ends_with(String field, String)", (fn, site) -> affix(fn, site, false)),
            new Function("substring", "substring(String, Integer start [, Integer end])", Functions::substring),
            new Function("url_decode", "url_decode(String [, \"r\" | \"u\" | \"ur\"])", Functions::urlDecode),
            new Function("remove_bytes", "remove_bytes(String, String literal)", Functions::removeBytes),
            new Function(
                    "decode_base64",
                    "decode_base64(String)",
                    (fn, site) -> bytesToBytes(fn, site, Functions::decodeBase64)),
            new Function(
                    "lookup_json_string",
                    "lookup_json_string(String, key or index, ...)",
                    (fn, site) -> lookupJson(fn, site, Type.BYTES)),
            new Function(
                    "lookup_json_integer",
                    "lookup_json_integer(String, key or index, ...)",
                    (fn, site) -> lookupJson(fn, site, Type.INT)),
            new Function("cidr", "cidr(IP, Integer v4 bits, Integer v6 bits)", (fn, site) -> cidr(fn, site, true)),
            new Function("cidr6", "cidr6(IP, Integer v6 bits)", (fn, site) -> cidr(fn, site, false)),
            new Function("join", "join(Array<String>, String separator)", CollectionFunctions::join),
            new Function(
                    "split",
                    "split(String, String separator literal [, Integer limit 1-128])",
                    CollectionFunctions::split),
            new Function("has_key", "has_key(Map, String key)", CollectionFunctions::hasKey),
            new Function(
                    "has_value", "has_value(Array or Map, value of its element type)", CollectionFunctions::hasValue),
            new Function("coalesce", "coalesce(a, b, ...) of one type", CollectionFunctions::coalesce),
            new Function(
                    "encode_base64",
                    "encode_base64(String [, \"u\" | \"p\" | \"up\"])",
                    EncodingFunctions::encodeBase64),
            new Function("sha256", "sha256(String)", EncodingFunctions::sha256),
            new Function("to_string", "to_string(Integer | Boolean | IP)", EncodingFunctions::toStringOf),
            new Function(
                    "regex_replace",
                    "regex_replace(String, String regex literal, String replacement literal)",
                    ReplaceFunctions::regexReplace),
            new Function(
                    "wildcard_replace",
                    "wildcard_replace(String, String pattern literal," + " String replacement literal [, \"s\"])",
                    ReplaceFunctions::wildcardReplace),
            new Function(
                    "remove_query_args",
                    "remove_query_args(String query, String name literal, ...)",
                    ReplaceFunctions::removeQueryArgs),
            new Function(
                    "is_timed_hmac_valid_v0",
                    "is_timed_hmac_valid_v0(String key literal, String messageMAC,"
                            + " Integer ttl literal, Integer now [, Integer separator length literal [, \"s\"]])",
                    TimedHmac::build));

    /** Cloudflare functions that have no meaning in a filter, with the reason given to whoever writes one. */
    static final Map<String, String> REFUSED = Map.of(
            "uuidv4",
                    "it returns a new random value on every call, so a rule using it could not decide anything;"
                            + " Cloudflare offers it only to rewrite headers",
            "bit_slice",
                    "it reads bits of IP, TCP or UDP packet headers (Cloudflare Network Firewall),"
                            + " which an application server never sees");

    /** Every name that is called like a function, quantifiers included. */
    static final Set<String> NAMES = names();

    private static Map<String, Function> table(Function... functions) {
        Map<String, Function> byName = new LinkedHashMap<>();
        for (Function f : functions) {
            if (byName.put(f.name(), f) != null) {
                throw new IllegalStateException("function " + f.name() + " is defined twice");
            }
        }
        return Collections.unmodifiableMap(byName);
    }

    private static Set<String> names() {
        Set<String> all = new LinkedHashSet<>(QUANTIFIERS);
        all.addAll(TABLE.keySet());
        return Collections.unmodifiableSet(all);
    }

    static Value build(String name, Site site) throws RuleSyntaxException {
        List<Value> a = site.args();
        for (int i = 1; i < a.size(); i++) {
            if (a.get(i).each) {
                throw site.error(
                        site.offset(i),
                        "[*] is only allowed in the first argument of " + name + "()",
                        "an argument without [*]");
            }
        }
        Function fn = TABLE.get(name);
        if (fn == null) {
            throw site.error(site.offset(0), "unknown function " + name, "a function name");
        }
        return fn.builder().build(fn, site);
    }

    static Value[] arr(Site site) {
        return site.args().toArray(new Value[0]);
    }

    static void arity(String name, Site site, int min, int max, String signature) throws RuleSyntaxException {
        int n = site.args().size();
        if (n < min || n > max) {
            int at = n > max ? site.offset(max) : site.offset(n);
            throw site.error(
                    at,
                    name + "() takes "
                            + (min == max
                                    ? String.valueOf(min)
                                    : max == Integer.MAX_VALUE ? min + " or more" : min + " to " + max)
                            + " argument" + (max == 1 ? "" : "s") + " but got " + n,
                    signature);
        }
    }

    static void type(String name, Site site, int i, Type expected, String signature) throws RuleSyntaxException {
        Value v = site.args().get(i);
        if (!v.type.equals(expected)) {
            throw site.error(
                    site.offset(i),
                    "argument " + (i + 1) + " of " + name + "() is " + describe(v),
                    "a " + expected + " (" + signature + ")");
        }
    }

    static void literal(String name, Site site, int i, String signature) throws RuleSyntaxException {
        if (!site.args().get(i).isLiteral()) {
            throw site.error(
                    site.offset(i),
                    "argument " + (i + 1) + " of " + name + "() must be a literal",
                    "a literal (" + signature + ")");
        }
    }

    static String describe(Value v) {
        return "a " + v.type + (v.each ? " element ([*])" : "");
    }

    private interface BytesFn {
        byte[] apply(byte[] in);
    }

    private static Value bytesToBytes(Function f, Site site, BytesFn fn) throws RuleSyntaxException {
        String name = f.name();
        String sig = f.signature();
        arity(name, site, 1, 1, sig);
        type(name, site, 0, Type.BYTES, sig);
        return new Call(name, Type.BYTES, (Call.Unary) x -> fn.apply(ByteString.bytesOf(x)), arr(site));
    }

    /** As {@link #lower(byte[])}, keeping an ASCII request string a string (no encoding, no copy when already lower). */
    private static Value lower(Function f, Site site) throws RuleSyntaxException {
        String sig = f.signature();
        arity("lower", site, 1, 1, sig);
        type("lower", site, 0, Type.BYTES, sig);
        return new Call("lower", Type.BYTES, (Call.Unary) Functions::lowerValue, arr(site));
    }

    static Object lowerValue(Object value) {
        return value instanceof String text && ByteString.isAscii(text)
                ? text.toLowerCase(Locale.ROOT)
                : lower(ByteString.bytesOf(value));
    }

    private static Value concat(Function f, Site site) throws RuleSyntaxException {
        String sig = f.signature();
        arity("concat", site, 2, Integer.MAX_VALUE, sig);
        Type t = site.args().get(0).type;
        if (t.kind != Type.Kind.BYTES && t.kind != Type.Kind.ARRAY) {
            throw site.error(
                    site.offset(0),
                    "argument 1 of concat() is " + describe(site.args().get(0)),
                    "a String or an Array");
        }
        for (int i = 1; i < site.args().size(); i++) {
            type("concat", site, i, t, "every argument of the type of the first");
        }
        if (t.kind == Type.Kind.BYTES) {
            return new Call(
                    "concat",
                    t,
                    a -> {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        for (Object o : a) {
                            out.writeBytes(ByteString.bytesOf(o));
                        }
                        return out.toByteArray();
                    },
                    arr(site));
        }
        return new Call(
                "concat",
                t,
                a -> {
                    List<Object> out = new ArrayList<>();
                    for (Object o : a) {
                        out.addAll((List<?>) o);
                    }
                    return out;
                },
                arr(site));
    }

    private static Value len(Function f, Site site) throws RuleSyntaxException {
        arity("len", site, 1, 1, f.signature());
        Value v = site.args().get(0);
        if (v.type.kind == Type.Kind.BYTES) {
            return new Call(
                    "len",
                    Type.INT,
                    a -> a[0] instanceof String ? (long) utf8Length((String) a[0]) : (long) ((byte[]) a[0]).length,
                    arr(site));
        }
        if (v.type.kind == Type.Kind.ARRAY) {
            return new Call("len", Type.INT, (Call.Unary) x -> (long) ((List<?>) x).size(), arr(site));
        }
        throw site.error(site.offset(0), "argument 1 of len() is " + describe(v), "a String or an Array");
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static Value affix(Function f, Site site, boolean prefix) throws RuleSyntaxException {
        String name = f.name();
        String sig = f.signature();
        arity(name, site, 2, 2, sig);
        type(name, site, 0, Type.BYTES, sig);
        type(name, site, 1, Type.BYTES, sig);
        if (site.args().get(0).isLiteral()) {
            throw site.error(site.offset(0), "the source of " + name + "() cannot be a literal", "a field or function");
        }
        if (site.args().get(1) instanceof Literal affix) {
            // the usual form: the affix encoded once, here, not on every call
            byte[] x = ByteString.bytesOf(affix.value);
            return new Call(name, Type.BOOL, (Call.Unary) s -> hasAffix(s, x, prefix), arr(site));
        }
        return new Call(name, Type.BOOL, a -> hasAffix(a[0], ByteString.bytesOf(a[1]), prefix), arr(site));
    }

    private static Boolean hasAffix(Object value, byte[] x, boolean prefix) {
        if (value instanceof String text) {
            Boolean ascii = ByteString.asciiAffix(text, x, prefix);
            if (ascii != null) {
                return ascii;
            }
        }
        byte[] s = ByteString.bytesOf(value);
        if (x.length > s.length) {
            return Boolean.FALSE;
        }
        int from = prefix ? 0 : s.length - x.length;
        for (int i = 0; i < x.length; i++) {
            if (s[from + i] != x[i]) {
                return Boolean.FALSE;
            }
        }
        return Boolean.TRUE;
    }

    private static Value substring(Function f, Site site) throws RuleSyntaxException {
        String sig = f.signature();
        arity("substring", site, 2, 3, sig);
        type("substring", site, 0, Type.BYTES, sig);
        for (int i = 1; i < site.args().size(); i++) {
            type("substring", site, i, Type.INT, sig);
            literal("substring", site, i, sig);
        }
        boolean hasEnd = site.args().size() == 3;
        return new Call(
                "substring",
                Type.BYTES,
                a -> {
                    byte[] s = ByteString.bytesOf(a[0]);
                    int n = s.length;
                    long start = index((Long) a[1], n);
                    long end = hasEnd ? index((Long) a[2], n) : n;
                    if (start >= end) {
                        return new byte[0];
                    }
                    byte[] out = new byte[(int) (end - start)];
                    System.arraycopy(s, (int) start, out, 0, out.length);
                    return out;
                },
                arr(site));
    }

    /** A byte index; negative counts from the end; clamped to [0, n]. */
    private static long index(long i, int n) {
        long x = i < 0 ? n + i : i;
        return Math.max(0, Math.min(n, x));
    }

    private static Value urlDecode(Function f, Site site) throws RuleSyntaxException {
        String sig = f.signature();
        arity("url_decode", site, 1, 2, sig);
        type("url_decode", site, 0, Type.BYTES, sig);
        boolean recursive = false;
        boolean unicode = false;
        if (site.args().size() == 2) {
            type("url_decode", site, 1, Type.BYTES, sig);
            literal("url_decode", site, 1, sig);
            String opts = new String((byte[]) ((Literal) site.args().get(1)).value, StandardCharsets.UTF_8);
            if (!opts.matches("r|u|ur|ru")) {
                throw site.error(
                        site.offset(1), "unknown url_decode() options \"" + opts + "\"", "\"r\", \"u\" or \"ur\"");
            }
            recursive = opts.contains("r");
            unicode = opts.contains("u");
        }
        boolean r = recursive;
        boolean u = unicode;
        return new Call(
                "url_decode", Type.BYTES, (Call.Unary) x -> UrlDecoder.decode(ByteString.bytesOf(x), r, u), arr(site));
    }

    private static Value removeBytes(Function f, Site site) throws RuleSyntaxException {
        String sig = f.signature();
        arity("remove_bytes", site, 2, 2, sig);
        type("remove_bytes", site, 0, Type.BYTES, sig);
        type("remove_bytes", site, 1, Type.BYTES, sig);
        literal("remove_bytes", site, 1, sig);
        boolean[] remove = new boolean[256];
        for (byte b : (byte[]) ((Literal) site.args().get(1)).value) {
            remove[b & 0xFF] = true;
        }
        return new Call(
                "remove_bytes",
                Type.BYTES,
                a -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    for (byte b : ByteString.bytesOf(a[0])) {
                        if (!remove[b & 0xFF]) {
                            out.write(b);
                        }
                    }
                    return out.toByteArray();
                },
                arr(site));
    }

    private static Value lookupJson(Function f, Site site, Type result) throws RuleSyntaxException {
        String name = f.name();
        String sig = f.signature();
        arity(name, site, 2, Integer.MAX_VALUE, sig);
        type(name, site, 0, Type.BYTES, sig);
        int n = site.args().size();
        Object[] path = new Object[n - 1];
        for (int i = 1; i < n; i++) {
            Value k = site.args().get(i);
            literal(name, site, i, sig);
            if (k.type.equals(Type.BYTES)) {
                String key = ByteString.decodeStrict((byte[]) ((Literal) k).value);
                if (key == null) {
                    throw site.error(site.offset(i), "a JSON key must be valid UTF-8", "a string key");
                }
                path[i - 1] = key;
            } else if (k.type.equals(Type.INT) && (Long) ((Literal) k).value >= 0) {
                path[i - 1] = ((Long) ((Literal) k).value).intValue();
            } else {
                throw site.error(
                        site.offset(i),
                        "argument " + (i + 1) + " of " + name + "() is " + describe(k),
                        "a string key or a non-negative array index");
            }
        }
        return new Call(
                name,
                result,
                a -> {
                    Object json;
                    try {
                        Object src = a[0];
                        json = JsonReader.parse(
                                src instanceof String
                                        ? (String) src
                                        : new String((byte[]) src, StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                    for (Object step : path) {
                        if (step instanceof String && json instanceof Map) {
                            json = ((Map<?, ?>) json).get(step);
                        } else if (step instanceof Integer
                                && json instanceof List
                                && (Integer) step < ((List<?>) json).size()) {
                            json = ((List<?>) json).get((Integer) step);
                        } else {
                            return null;
                        }
                    }
                    if (result.equals(Type.BYTES)) {
                        return json instanceof String ? json : null;
                    }
                    return json instanceof Long ? json : null;
                },
                arr(site));
    }

    private static Value cidr(Function f, Site site, boolean withV4) throws RuleSyntaxException {
        String name = f.name();
        String sig = f.signature();
        arity(name, site, withV4 ? 3 : 2, withV4 ? 3 : 2, sig);
        type(name, site, 0, Type.IP, sig);
        int[] max = withV4 ? new int[] {32, 128} : new int[] {128};
        int[] bits = new int[max.length];
        for (int i = 0; i < max.length; i++) {
            type(name, site, i + 1, Type.INT, sig);
            literal(name, site, i + 1, sig);
            long b = (Long) ((Literal) site.args().get(i + 1)).value;
            if (b < 1 || b > max[i]) {
                throw site.error(site.offset(i + 1), "prefix length " + b + " is out of range", "1 to " + max[i]);
            }
            bits[i] = (int) b;
        }
        return new Call(
                name,
                Type.IP,
                a -> {
                    IpAddress ip = (IpAddress) a[0];
                    if (ip.isV4()) {
                        return withV4 ? ip.mask(bits[0]) : ip;
                    }
                    return ip.mask(bits[bits.length - 1]);
                },
                arr(site));
    }

    static byte[] lower(byte[] in) {
        byte[] out = in.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] >= 'A' && out[i] <= 'Z') {
                out[i] += 32;
            }
        }
        return out;
    }

    static byte[] upper(byte[] in) {
        byte[] out = in.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] >= 'a' && out[i] <= 'z') {
                out[i] -= 32;
            }
        }
        return out;
    }

    /** Standard alphabet, padding optional; anything else is a missing value. */
    static byte[] decodeBase64(byte[] in) {
        try {
            return Base64.getDecoder().decode(in);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
