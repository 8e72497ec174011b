package dev.certgate.internal.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the files named in configuration values look like now: every comma-separated item that is
 * a {@code file:} location or an absolute path, with its size, modification time and (up to 4 MiB)
 * the SHA-256 of its content. Two equal stamps mean the files did not change, so a reload can tell
 * a rotated CA bundle or CRL file from an unchanged one without parsing it.
 */
public final class FileStamps {
    private static final long HASHED_UP_TO = 4L << 20;

    private FileStamps() {}

    /** Stamps of the files named by the values, keyed by location. */
    public static Map<String, String> of(Iterable<String> values) {
        Map<String, String> stamps = new TreeMap<>();
        for (String value : values) {
            if (value == null) {
                continue;
            }
            for (String item : value.split(",")) {
                String location = item.strip();
                Path path = pathOf(location);
                if (path != null) {
                    stamps.put(location, stamp(path));
                }
            }
        }
        return stamps;
    }

    private static Path pathOf(String location) {
        try {
            if (location.startsWith("file:")) {
                String rest = location.substring("file:".length());
                return rest.startsWith("//") ? Path.of(java.net.URI.create(location)) : Path.of(rest);
            }
            return location.startsWith("/") ? Path.of(location) : null;
        } catch (IllegalArgumentException e) { // InvalidPathException too
            return null;
        }
    }

    private static String stamp(Path path) {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                return a.isDirectory() ? "directory" : "other";
            }
            String stamp = a.size() + "/" + a.lastModifiedTime().toMillis();
            if (a.size() <= HASHED_UP_TO) {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                stamp += "/" + HexFormat.of().formatHex(sha256.digest(Files.readAllBytes(path)));
            }
            return stamp;
        } catch (IOException e) {
            return "unreadable: " + e.getClass().getSimpleName();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
