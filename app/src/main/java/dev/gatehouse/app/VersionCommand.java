package dev.gatehouse.app;

import picocli.CommandLine.Command;

/** {@code gatehouse version}. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version and exit.")
final class VersionCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("gatehouse " + Version.get());
        System.out.println("java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        System.out.println("os " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }
}
