package dev.certgate.internal.forwarding;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * RFC 8941 structured fields, as far as RFC 9440 needs them: an Item or a List whose members are
 * Byte Sequences ({@code :base64:}), each possibly with parameters (parsed and ignored, as RFC
 * 9440 defines none). Parsing follows RFC 8941 §4.2: a member of another type, an inner list, a
 * character outside the base64 alphabet or anything left over fails the whole field. As §4.2.7
 * asks, missing {@code =} padding is accepted.
 */
final class ByteSequences {
    private final String s;
    private int i;

    private ByteSequences(String s) {
        this.s = s;
    }

    /** An sf-item that is a byte sequence: {@code Client-Cert}. */
    static byte[] item(String field) throws MalformedCertificateHeader {
        ByteSequences p = new ByteSequences(field);
        p.skipSp();
        byte[] value = p.byteSequence();
        p.parameters();
        p.skipSp();
        if (p.i != p.s.length()) {
            throw new MalformedCertificateHeader("characters after the byte sequence at " + p.i);
        }
        return value;
    }

    /** An sf-list of byte sequences: {@code Client-Cert-Chain} (field lines already joined by ", "). */
    static List<byte[]> list(String field) throws MalformedCertificateHeader {
        ByteSequences p = new ByteSequences(field);
        List<byte[]> out = new ArrayList<>();
        p.skipSp();
        if (p.i == p.s.length()) {
            return out;
        }
        while (true) {
            out.add(p.byteSequence());
            p.parameters();
            p.skipOws();
            if (p.i == p.s.length()) {
                return out;
            }
            if (p.s.charAt(p.i) != ',') {
                throw new MalformedCertificateHeader("expected ',' between list members at " + p.i);
            }
            p.i++;
            p.skipOws();
            if (p.i == p.s.length()) {
                throw new MalformedCertificateHeader("a trailing ',' in the list");
            }
        }
    }

    private byte[] byteSequence() throws MalformedCertificateHeader {
        if (i >= s.length() || s.charAt(i) != ':') {
            throw new MalformedCertificateHeader("expected a byte sequence (':base64:') at " + i);
        }
        int start = ++i;
        while (i < s.length() && s.charAt(i) != ':') {
            char c = s.charAt(i);
            boolean b64 = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '+'
                    || c == '/'
                    || c == '=';
            if (!b64) {
                throw new MalformedCertificateHeader("character '" + c + "' is not base64 at " + i);
            }
            i++;
        }
        if (i >= s.length()) {
            throw new MalformedCertificateHeader("a byte sequence without its closing ':'");
        }
        String b64 = s.substring(start, i++);
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new MalformedCertificateHeader("not base64 (" + e.getMessage() + ")");
        }
    }

    /** {@code *( ";" *SP key [ "=" bare-item ] )}, values checked for shape and dropped. */
    private void parameters() throws MalformedCertificateHeader {
        while (i < s.length() && s.charAt(i) == ';') {
            i++;
            skipSp();
            key();
            if (i < s.length() && s.charAt(i) == '=') {
                i++;
                bareItem();
            }
        }
    }

    private void key() throws MalformedCertificateHeader {
        int start = i;
        if (i < s.length() && (isLcalpha(s.charAt(i)) || s.charAt(i) == '*')) {
            i++;
            while (i < s.length()
                    && (isLcalpha(s.charAt(i)) || isDigit(s.charAt(i)) || "_-.*".indexOf(s.charAt(i)) >= 0)) {
                i++;
            }
        }
        if (i == start) {
            throw new MalformedCertificateHeader("expected a parameter key at " + i);
        }
    }

    private void bareItem() throws MalformedCertificateHeader {
        if (i >= s.length()) {
            throw new MalformedCertificateHeader("a parameter without its value");
        }
        char c = s.charAt(i);
        if (c == ':') {
            byteSequence();
        } else if (c == '"') {
            i++;
            while (i < s.length() && s.charAt(i) != '"') {
                if (s.charAt(i) == '\\') {
                    i++;
                }
                i++;
            }
            if (i >= s.length()) {
                throw new MalformedCertificateHeader("an unterminated string parameter");
            }
            i++;
        } else if (c == '?') {
            i++;
            if (i >= s.length() || (s.charAt(i) != '0' && s.charAt(i) != '1')) {
                throw new MalformedCertificateHeader("a boolean parameter must be ?0 or ?1");
            }
            i++;
        } else if (c == '-' || isDigit(c)) {
            i++;
            while (i < s.length() && (isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
        } else if (Character.isLetter(c) || c == '*') {
            while (i < s.length() && " ,;()\"".indexOf(s.charAt(i)) < 0) {
                i++;
            }
        } else {
            throw new MalformedCertificateHeader("'" + c + "' cannot start a parameter value");
        }
    }

    private void skipSp() {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
    }

    private void skipOws() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
    }

    private static boolean isLcalpha(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
