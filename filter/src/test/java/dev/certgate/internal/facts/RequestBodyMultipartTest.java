package dev.certgate.internal.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.internal.facts.RequestBodyMultipart.Part;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The multipart parser on bodies written byte for byte (RFC 2046 §5.1.1, RFC 7578, RFC 5987). */
class RequestBodyMultipartTest {
    private static final String TYPE = "multipart/form-data; boundary=XyZ";

    private static RequestBodyMultipart parse(String contentType, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return RequestBodyMultipart.parse(contentType, b, b.length);
    }

    private static final String FORM = "preamble text\r\n"
            + "--XyZ\r\n"
            + "Content-Disposition: form-data; name=\"username\"\r\n"
            + "\r\n"
            + "alice_doe\r\n"
            + "--XyZ\r\n"
            + "Content-Disposition: form-data; name=\"picture\"; filename=\"photo.jpg\"\r\n"
            + "Content-Type: image/jpeg\r\n"
            + "Content-Transfer-Encoding: binary\r\n"
            + "\r\n"
            + "\u00ff\u00d8 line\r\nsecond line --XyZ not a delimiter\r\n"
            + "--XyZ--\r\n"
            + "epilogue --XyZ\r\n";

    @Test
    void everyFieldOfAFormWithAFile() {
        RequestBodyMultipart m = parse(TYPE, FORM);
        assertEquals(List.of("alice_doe", "\u00ff\u00d8 line\r\nsecond line --XyZ not a delimiter"), m.values());
        assertEquals(List.of(List.of("username"), List.of("picture")), m.each(Part::names));
        assertEquals(List.of(List.of(), List.of("photo.jpg")), m.each(Part::filenames));
        assertEquals(List.of(List.of(), List.of("image/jpeg")), m.each(Part::contentTypes));
        assertEquals(List.of(List.of(), List.of("binary")), m.each(Part::contentTransferEncodings));
        assertEquals(
                List.of(
                        List.of("form-data; name=\"username\""),
                        List.of("form-data; name=\"picture\"; filename=\"photo.jpg\"")),
                m.each(Part::contentDispositions));
        assertEquals(
                Map.of(
                        "username",
                        List.of("alice_doe"),
                        "picture",
                        List.of(m.values().get(1))),
                m.byName());
    }

    @Test
    void onlyMultipartTypesWithABoundaryHaveParts() {
        assertEquals(List.of(), parse("text/plain; boundary=XyZ", FORM).parts());
        assertEquals(List.of(), parse("application/x-www-form-urlencoded", FORM).parts());
        assertEquals(List.of(), parse("multipart/form-data", FORM).parts());
        assertEquals(List.of(), parse("multipart/form-data; boundary=", FORM).parts());
        assertEquals(List.of(), parse(null, FORM).parts());
        assertEquals(
                2,
                parse("Multipart/Mixed; charset=utf-8; BOUNDARY=\"XyZ\"", FORM)
                        .parts()
                        .size());
        assertEquals(
                List.of(), parse("multipart/form-data; boundary=XY", FORM).parts(), "a prefix is not the boundary");
    }

    @Test
    void quotedBoundariesAndParametersWithSemicolonsAndEscapes() {
        String body = "--a b;c\r\n"
                + "content-disposition: form-data; name=\"we;ird \\\"n\\\\ame\"; filename=\"x;y.txt\"\r\n"
                + "\r\n"
                + "v\r\n"
                + "--a b;c--";
        RequestBodyMultipart m = parse("multipart/form-data; boundary=\"a b;c\"", body);
        assertEquals(List.of(List.of("we;ird \"n\\ame")), m.each(Part::names));
        assertEquals(List.of(List.of("x;y.txt")), m.each(Part::filenames));
        assertEquals(List.of("v"), m.values());
    }

    @Test
    void anExtendedFilenameIsDecodedAndPreferred() {
        String body = "--XyZ\r\n"
                + "Content-Disposition: form-data; name=f; filename=\"euro.txt\"; filename*=UTF-8''%e2%82%ac%20rates.txt\r\n"
                + "\r\n"
                + "1\r\n"
                + "--XyZ\r\n"
                + "Content-Disposition: form-data; name=g; filename*=iso-8859-1'en'%A3.txt\r\n"
                + "\r\n"
                + "2\r\n"
                + "--XyZ\r\n"
                + "Content-Disposition: form-data; name=h; filename=plain.txt; filename*=UTF-8''%zz\r\n"
                + "\r\n"
                + "3\r\n"
                + "--XyZ\r\n"
                + "Content-Disposition: form-data; name=i; filename*=KOI8-R''%c1\r\n"
                + "\r\n"
                + "4\r\n"
                + "--XyZ--\r\n";
        assertEquals(
                List.of(List.of("\u20ac rates.txt"), List.of("\u00a3.txt"), List.of("plain.txt"), List.of()),
                parse(TYPE, body).each(Part::filenames));
    }

    @Test
    void bareLineFeedsFoldedHeadersAndPartsWithoutHeaders() {
        String body = "--XyZ\n"
                + "Content-Disposition: form-data;\n"
                + "\tname=\"folded\"\n"
                + "X-Other: ignored\n"
                + "\n"
                + "lf value\n"
                + "--XyZ  \t\n"
                + "\n"
                + "no headers\n"
                + "--XyZ\n"
                + "\n"
                + "\n"
                + "--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"empty\"\r\n"
                + "\r\n"
                + "\r\n"
                + "--XyZ--";
        RequestBodyMultipart m = parse(TYPE, body);
        assertEquals(List.of("lf value", "no headers", ""), m.values(), "the empty part without headers is no part");
        assertEquals(List.of(List.of("folded"), List.of(), List.of("empty")), m.each(Part::names));
        assertEquals(
                List.of(List.of("form-data;\tname=\"folded\""), List.of(), List.of("form-data; name=\"empty\"")),
                m.each(Part::contentDispositions));
        assertEquals(
                List.of(
                        Map.of(
                                "content-disposition",
                                List.of("form-data;\tname=\"folded\""),
                                "x-other",
                                List.of("ignored")),
                        Map.of(),
                        Map.of("content-disposition", List.of("form-data; name=\"empty\""))),
                m.headers(),
                "every header by lower-case name, unfolded; a part without headers has an empty map");
    }

    @Test
    void repeatedHeadersOfAPartShareOneListInOrder() {
        String body =
                "--XyZ\r\nX-Upload-Tag: first\r\nContent-Type: text/plain\r\nx-upload-tag:  second \r\n\r\nv\r\n--XyZ--";
        assertEquals(
                List.of(Map.of("x-upload-tag", List.of("first", "second"), "content-type", List.of("text/plain"))),
                parse(TYPE, body).headers());
        assertEquals(
                List.of("x-upload-tag", "content-type"),
                List.copyOf(parse(TYPE, body).headers().get(0).keySet()));
    }

    @Test
    void thePreambleKeepsItsLineBreakAndEmptyPartsAreCounted() {
        assertEquals("preamble text\r\n", parse(TYPE, FORM).preamble());
        assertEquals(0, parse(TYPE, FORM).emptyParts());
        String body = "--XyZ\r\n\r\n\r\n--XyZ\r\n\r\n \r\n--XyZ\r\n\r\n\r\n--XyZ\r\nX-A: 1\r\n\r\n\r\n--XyZ--";
        RequestBodyMultipart m = parse(TYPE, body);
        assertEquals("", m.preamble(), "a body that starts with the delimiter has no preamble");
        assertEquals(
                2, m.emptyParts(), "two parts without headers or value; a blank value and a header count as parts");
        assertEquals(List.of(" ", ""), m.values());
        assertEquals(
                "no delimiter at all\n", parse(TYPE, "no delimiter at all\n").preamble());
        assertEquals("", parse("text/plain", FORM).preamble());
        assertEquals(0, parse(TYPE, "--XyZ\r\n\r\n").emptyParts(), "a part cut off by the end is not counted");
    }

    @Test
    void aPrefixCutAnywhereGivesThePartsSeenAndNeverThrows() {
        byte[] full = FORM.getBytes(StandardCharsets.UTF_8);
        int cutInSecondValue = byteIndex("second line");
        RequestBodyMultipart m = RequestBodyMultipart.parse(TYPE, full, cutInSecondValue + 3);
        assertEquals(List.of("alice_doe", "\u00ff\u00d8 line\r\nsec"), m.values());
        assertEquals(List.of(List.of(), List.of("photo.jpg")), m.each(Part::filenames));

        int cutInHeader = byteIndex("image/jpeg") + 3;
        m = RequestBodyMultipart.parse(TYPE, full, cutInHeader);
        assertEquals(List.of("alice_doe", ""), m.values(), "the cut header line is left out");
        assertEquals(List.of(List.of("username"), List.of("picture")), m.each(Part::names));
        assertEquals(List.of(List.of(), List.of()), m.each(Part::contentTypes));

        m = RequestBodyMultipart.parse(TYPE, full, byteIndex("photo.jpg") + 3);
        assertEquals(List.of("alice_doe"), m.values(), "a part with nothing complete in it is no part");

        for (int cut = 0; cut <= full.length; cut++) {
            m = RequestBodyMultipart.parse(TYPE, full, cut);
            m.byName();
            m.each(Part::filenames);
            int parts = m.parts().size();
            assertTrue(parts <= 2, "cut " + cut);
            if (cut > byteIndex("Content-Type: image/jpeg")) {
                assertEquals(2, parts, "cut " + cut);
                assertEquals("alice_doe", m.values().get(0), "cut " + cut);
            }
        }
    }

    /** Where {@code text} starts in FORM's UTF-8 bytes. */
    private static int byteIndex(String text) {
        return FORM.substring(0, FORM.indexOf(text)).getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(14);
        byte[] alphabet = "-XyZ\r\n:;=\"\\ '%*abcfilenamContent-Disposition".getBytes(StandardCharsets.ISO_8859_1);
        for (int run = 0; run < 2000; run++) {
            byte[] b = new byte[random.nextInt(200)];
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            RequestBodyMultipart m = RequestBodyMultipart.parse(TYPE, b, b.length);
            m.byName();
            m.each(Part::filenames);
            m.each(Part::names);
        }
    }

    @Test
    void headerParameters() {
        RequestBodyParameters p = RequestBodyParameters.parse("form-data ; NAME = tok ; bare; x=\"unterminated;y");
        assertEquals("form-data", p.value());
        assertEquals(Map.of("name", "tok", "x", "unterminated;y"), p.parameters());
        assertEquals(null, RequestBodyParameters.extendedValue("no-quotes"));
        assertEquals("a b", RequestBodyParameters.extendedValue("utf-8'de'a%20b"));
    }
}
