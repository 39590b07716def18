package dev.gatehouse.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version, from a file Maven writes at build time. */
public final class Version {
    private Version() {
    }

    /** @return the version, such as {@code 0.1.0-SNAPSHOT} */
    public static String get() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
