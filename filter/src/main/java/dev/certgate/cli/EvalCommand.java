package dev.certgate.cli;

import dev.certgate.internal.json.JsonReader;
import dev.certgate.internal.rules.Expression;
import dev.certgate.internal.rules.NamedLists;
import dev.certgate.internal.rules.RuleSyntaxException;
import dev.certgate.internal.rules.Trace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code certgate eval}: evaluates an expression against sample field values.
 *
 * <pre>
 * eval --expr EXPR [--field name=value]... [--list name=item1,item2]...
 *     prints the result and a trace; exit 0 = true, 1 = false, 2 = invalid expression or arguments
 * eval --batch
 *     JSON lines on stdin, {"expr": ..., "fields": {...}}; one JSON line out per input line:
 *     {"valid": true, "result": true|false} or {"valid": false, "error": "..."}; exit 0
 * </pre>
 */
final class EvalCommand {
    static final int TRUE = 0;
    static final int FALSE = 1;
    static final int INVALID = 2;

    private static final String USAGE = String.join(
            "\n",
            "usage: eval --expr EXPR [--field name=value]... [--list name=item1,item2]...",
            "       eval --batch   (JSON lines on stdin: {\"expr\": \"...\", \"fields\": {...}})",
            "Array and map fields take JSON values, e.g. --field 'http.request.headers={\"accept\":[\"*/*\"]}'.",
            "Exit status: 0 true, 1 false, 2 invalid expression or arguments.");

    private EvalCommand() {}

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--batch")) {
            if (args.length != 1) {
                err.println("--batch takes no other arguments\n" + USAGE);
                return INVALID;
            }
            return batch(in, out, err);
        }
        String expr = null;
        EvalFieldValues values = new EvalFieldValues();
        Map<String, List<String>> lists = new LinkedHashMap<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    out.println(USAGE);
                    return TRUE;
                }
                if (i + 1 >= args.length || !(a.equals("--expr") || a.equals("--field") || a.equals("--list"))) {
                    err.println((a.startsWith("--") ? "missing value for " : "unknown argument ") + a + "\n" + USAGE);
                    return INVALID;
                }
                String v = args[++i];
                if (a.equals("--expr")) {
                    expr = v;
                    continue;
                }
                int eq = v.indexOf('=');
                if (eq <= 0) {
                    err.println(a + " needs name=value, got '" + v + "'");
                    return INVALID;
                }
                String name = v.substring(0, eq);
                String value = v.substring(eq + 1);
                if (a.equals("--field")) {
                    values.setText(name, value);
                } else {
                    lists.put(name, value.isEmpty() ? List.of() : Arrays.asList(value.split(",", -1)));
                }
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return INVALID;
        }
        if (expr == null) {
            err.println("missing --expr\n" + USAGE);
            return INVALID;
        }
        Expression e;
        try {
            e = Expression.compile(expr, NamedLists.of(lists));
        } catch (RuleSyntaxException ex) {
            err.println(ex.getMessage());
            return INVALID;
        } catch (IllegalArgumentException ex) {
            err.println(ex.getMessage());
            return INVALID;
        }
        Trace trace = e.trace(values);
        out.println(trace.result());
        out.print(trace);
        return trace.result() ? TRUE : FALSE;
    }

    private static int batch(InputStream in, PrintStream out, PrintStream err) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                out.println(evaluateLine(line));
            }
        } catch (IOException e) {
            err.println("cannot read standard input: " + e.getMessage());
            return INVALID;
        }
        out.flush();
        return TRUE;
    }

    /** One batch line in, one JSON line out; never throws. */
    static String evaluateLine(String line) {
        try {
            Object json = JsonReader.parse(line);
            if (!(json instanceof Map)) {
                return EvalJson.invalid("input line is not a JSON object");
            }
            Map<?, ?> obj = (Map<?, ?>) json;
            if (!(obj.get("expr") instanceof String)) {
                return EvalJson.invalid("input line has no \"expr\" string");
            }
            EvalFieldValues values = new EvalFieldValues();
            Map<String, List<String>> lists = new LinkedHashMap<>();
            Object fields = obj.get("fields");
            if (fields != null && !(fields instanceof Map)) {
                return EvalJson.invalid("\"fields\" must be a JSON object");
            }
            if (fields != null) {
                for (Map.Entry<?, ?> f : ((Map<?, ?>) fields).entrySet()) {
                    String name = (String) f.getKey();
                    if (name.startsWith("$")) {
                        lists.put(name.substring(1), new ArrayList<>(EvalFieldValues.strings(name, f.getValue())));
                    } else {
                        values.setJson(name, f.getValue());
                    }
                }
            }
            Expression e = Expression.compile((String) obj.get("expr"), NamedLists.of(lists));
            return EvalJson.result(e.matches(values));
        } catch (RuleSyntaxException e) {
            return EvalJson.invalid(e.getMessage());
        } catch (RuntimeException e) {
            return EvalJson.invalid(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
