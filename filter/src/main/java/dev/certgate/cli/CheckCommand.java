package dev.certgate.cli;

import dev.certgate.internal.config.ConfigException;
import dev.certgate.internal.config.MapSource;
import dev.certgate.internal.config.PolicyLoader;
import dev.certgate.internal.ops.OpsSettings;
import dev.certgate.internal.policy.HostGroup;
import dev.certgate.internal.policy.Policy;
import dev.certgate.internal.policy.Rule;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * {@code check FILE.properties}: loads a configuration exactly as the filter would (same loader,
 * same validation, same messages) and prints each host group's rules in evaluation order with their
 * expressions normalised.
 */
final class CheckCommand {
    private CheckCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1 || args[0].startsWith("-")) {
            err.println("usage: check FILE.properties");
            return 2;
        }
        Map<String, String> props;
        try {
            props = read(Path.of(args[0]));
        } catch (NoSuchFileException e) {
            err.println(args[0] + ": no such file");
            return 2;
        } catch (IOException | IllegalArgumentException e) {
            err.println(args[0] + ": cannot be read: " + e.getMessage());
            return 2;
        }
        MapSource source = new MapSource(props, args[0]);
        try (Policy policy =
                PolicyLoader.load(source, CheckCommand.class.getClassLoader(), Clock.systemUTC(), Set.of())) {
            OpsSettings.read(source); // reload, events, status page: validated as the filter does
            print(policy, out);
            return 0;
        } catch (ConfigException e) {
            err.println("invalid configuration: " + e.getMessage());
            return 1;
        }
    }

    private static Map<String, String> read(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        Map<String, String> map = new HashMap<>();
        for (String name : p.stringPropertyNames()) {
            map.put(name, p.getProperty(name));
        }
        return map;
    }

    private static void print(Policy policy, PrintStream out) {
        out.println("configuration OK: " + policy.groups().size() + " host group(s), "
                + policy.allRules().size()
                + " rule(s), mode " + (policy.reportOnly() ? "report-only" : "enforce")
                + (policy.enabled() ? "" : ", DISABLED (certgate.enabled=false)"));
        for (HostGroup group : policy.groups()) {
            out.println();
            out.println("host group '" + group.id() + "': " + String.join(", ", group.names()));
            printGroup(group, out);
        }
        out.println();
        out.println("every other host:");
        printGroup(policy.fallback(), out);
    }

    private static void printGroup(HostGroup group, PrintStream out) {
        out.println("  trust anchors: "
                + (group.certificates().anchorCount() == 0
                        ? "none"
                        : group.certificates().anchorCount() + " from "
                                + group.certificates().anchorsDescription()));
        out.println("  revocation: " + (group.certificates().revocation().enabled() ? "on" : "off"));
        int n = 0;
        n = printRules(group.hostRules(), n, out);
        n = printRules(group.globalRules(), n, out);
        if (n == 0) {
            out.println("  no rules: every request passes");
        }
    }

    private static int printRules(List<Rule> rules, int n, PrintStream out) {
        for (Rule rule : rules) {
            n++;
            out.printf(
                    "  %d. %-16s %-6s%s  %s%n",
                    n,
                    rule.id(),
                    rule.action().configName(),
                    rule.reportOnly() ? " (report-only)" : "",
                    rule.expression());
            out.println("     from " + rule.origin());
        }
        return n;
    }
}
