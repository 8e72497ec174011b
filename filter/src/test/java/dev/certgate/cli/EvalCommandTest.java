package dev.certgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EvalCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        return EvalCommand.run(
                args,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void exprWithFieldsPrintsResultAndTrace() {
        int code = run(
                "",
                "--expr",
                "(http.host in {\"api.example.com\"} and not cf.tls_client_auth.cert_verified)",
                "--field",
                "http.host=api.example.com");
        assertEquals(0, code);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("true\n"), text);
        assertTrue(text.contains("true  not cf.tls_client_auth.cert_verified"), text);
        assertTrue(text.contains("false  cf.tls_client_auth.cert_verified"), text);
    }

    @Test
    void falseAndInvalidExitCodes() {
        assertEquals(1, run("", "--expr", "ssl"));
        assertEquals(2, run("", "--expr", "ssl ==", "--field", "ssl=true"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("1:5:"));
        assertEquals(2, run("", "--expr", "ssl", "--field", "ssl=yes"));
        assertEquals(2, run("", "--field", "ssl=true"));
    }

    @Test
    void listsAndJsonFields() {
        assertEquals(
                0,
                run(
                        "",
                        "--expr",
                        "ip.src in $office and any(http.request.headers[\"accept\"][*] eq \"*/*\")",
                        "--list",
                        "office=192.0.2.0/24,10.0.0.0/8",
                        "--field",
                        "ip.src=10.1.2.3",
                        "--field",
                        "http.request.headers={\"accept\":[\"*/*\"]}"));
    }

    @Test
    void theMultipartHeadersFieldTakesAnArrayOfObjects() {
        String expr = "http.request.body.multipart.headers[1][\"x-tag\"][0] eq \"b\"";
        String headers = "http.request.body.multipart.headers=[{\"x-tag\": [\"a\"]}, {\"x-tag\": [\"b\", \"c\"]}]";
        assertEquals(0, run("", "--expr", expr, "--field", headers));
        assertEquals(
                1,
                run("", "--expr", expr, "--field", "http.request.body.multipart.headers=[{}, {\"x-tag\": [\"a\"]}]"));
        assertEquals(2, run("", "--expr", expr, "--field", "http.request.body.multipart.headers=[[\"b\"]]"));
        assertTrue(
                err.toString(StandardCharsets.UTF_8).contains("http.request.body.multipart.headers[0]"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void batchWritesOneLinePerInputInOrder() {
        String in = String.join(
                "\n",
                "{\"expr\": \"http.host eq \\\"a.example\\\" and cf.tls_client_auth.cert_verified\", \"fields\": {\"http.host\": \"a.example\", \"cf.tls_client_auth.cert_verified\": true}}",
                "{\"expr\": \"ip.src in $office\", \"fields\": {\"ip.src\": \"192.0.2.1\", \"$office\": [\"192.0.2.0/24\"]}}",
                "{\"expr\": \"any(http.request.headers[\\\"accept\\\"][*] eq \\\"*/*\\\")\", \"fields\": {\"http.request.headers\": {\"accept\": [\"text/html\"]}}}",
                "{\"expr\": \"ssl ==\"}",
                "not json",
                "{\"expr\": \"ssl\", \"fields\": {\"ssl\": \"yes\"}}",
                "{\"expr\": \"ssl\", \"fields\": {\"no.such\": 1, \"ssl\": true}}",
                "{\"fields\": {}}",
                "{\"expr\": \"ssl\"}");
        assertEquals(0, run(in, "--batch"));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(9, lines.length);
        assertEquals("{\"valid\": true, \"result\": true}", lines[0]);
        assertEquals("{\"valid\": true, \"result\": true}", lines[1]);
        assertEquals("{\"valid\": true, \"result\": false}", lines[2]);
        assertTrue(lines[3].startsWith("{\"valid\": false, \"error\": \"1:5: "), lines[3]);
        assertTrue(lines[3].contains("\\n"), "multi-line message is escaped");
        for (int i = 4; i < 8; i++) {
            if (i == 6) {
                // A field certgate does not know is ignored when the expression does not read it.
                assertEquals("{\"valid\": true, \"result\": true}", lines[i]);
                continue;
            }
            assertTrue(lines[i].startsWith("{\"valid\": false, \"error\": \""), lines[i]);
        }
        assertEquals("{\"valid\": true, \"result\": false}", lines[8]);
    }
}
