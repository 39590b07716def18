package dev.gatehouse.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gatehouse} command. */
@Command(name = "gatehouse", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "One gateway for HTTP services, LLM providers and MCP servers, configured as code.",
        subcommands = {RunCommand.class, ValidateCommand.class, DemoCommand.class, VersionCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        int code = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Supplies {@code --version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gatehouse " + Version.get()};
        }
    }
}
