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
        productionDefaults();
        int code = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Netty's buffer leak detector samples one buffer in 128 and records a stack trace each time one of those is
     * touched or released; in a profile of the proxy path it cost several percent of the CPU. The tests run it
     * at its strictest, so in production it is off unless the operator asks for it with
     * {@code -Dio.netty.leakDetection.level}. Called before any Netty class loads.
     */
    static void productionDefaults() {
        if (System.getProperty(LEAK_DETECTION_LEVEL) == null) {
            System.setProperty(LEAK_DETECTION_LEVEL, "disabled");
        }
    }

    private static final String LEAK_DETECTION_LEVEL = "io.netty.leakDetection.level";

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
