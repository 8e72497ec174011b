package dev.certgate.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * certgate's offline tools: {@code check} a configuration, {@code eval} expressions, show the
 * {@code cert} fields of a certificate chain. Exit status 0 success, 1 a negative answer or an
 * invalid configuration, 2 a usage error.
 */
public final class Main {
    static final String USAGE = String.join(
            "\n",
            "usage: java -jar certgate-cli.jar <command> [options]",
            "",
            "commands:",
            "  check FILE.properties   load a configuration as the filter would; print each host's rules",
            "  eval --expr EXPR [--field name=value]... [--list name=item,item]",
            "                          evaluate one expression and show why it matched",
            "  eval --batch            evaluate JSON lines from stdin (see docs/cli.md)",
            "  cert [options] LEAF [CHAIN-CERT...]",
            "                          print every cf.tls_client_auth.* field of a chain as JSON",
            "  help                    this text");

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "check":
                return CheckCommand.run(rest, out, err);
            case "eval":
                return EvalCommand.run(rest, in, out, err);
            case "cert":
                return CertCommand.run(rest, out, err);
            case "help":
            case "--help":
            case "-h":
                out.println(USAGE);
                return 0;
            default:
                err.println("unknown command '" + args[0] + "'\n\n" + USAGE);
                return 2;
        }
    }
}
