package dev.gatehouse.middleware.basicauth;

import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.core.spi.MiddlewareFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds {@code basicAuth} middlewares; reads {@code usersFile} here, never on the request path. */
public final class BasicAuthFactory implements MiddlewareFactory<BasicAuthSpec> {
    /** Traefik's default realm. */
    static final String DEFAULT_REALM = "traefik";

    @Override
    public String kind() {
        return "basicAuth";
    }

    @Override
    public Class<BasicAuthSpec> specType() {
        return BasicAuthSpec.class;
    }

    @Override
    public Middleware create(BasicAuthSpec spec, BuildContext ctx) {
        // File entries first, then inline ones, so an inline entry wins for the same name (Traefik's order).
        List<String> lines = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        if (spec.usersFile() != null && !spec.usersFile().isEmpty()) {
            int n = 0;
            for (String line : readUsersFile(ctx.baseDir(), spec.usersFile())) {
                lines.add(line);
                keys.add("usersFile (entry " + (++n) + ")");
            }
        }
        if (spec.users() != null) {
            for (int i = 0; i < spec.users().size(); i++) {
                lines.add(spec.users().get(i) == null ? "" : spec.users().get(i));
                keys.add("users[" + i + "]");
            }
        }
        Map<String, PasswordHash> users = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] parts = lines.get(i).split(":", -1);
            if (parts.length != 2) {
                throw new InvalidSpecException(keys.get(i), "expected name:hash (htpasswd format)");
            }
            users.put(parts[0], PasswordHash.parse(parts[1]));
        }
        String realm = spec.realm() == null || spec.realm().isEmpty() ? DEFAULT_REALM : spec.realm();
        String headerField = spec.headerField() == null || spec.headerField().isEmpty() ? null : spec.headerField();
        return new BasicAuthMiddleware(Map.copyOf(users), realm, headerField,
                Boolean.TRUE.equals(spec.removeHeader()), ctx.blockingExecutor(), new VerificationCache());
    }

    private static List<String> readUsersFile(Path baseDir, String file) {
        Path path = baseDir == null ? Path.of(file) : baseDir.resolve(file);
        try {
            List<String> out = new ArrayList<>();
            for (String raw : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                String line = raw.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    out.add(line);
                }
            }
            return out;
        } catch (IOException e) {
            throw new InvalidSpecException("usersFile", "cannot read " + path + ": " + e.getMessage());
        }
    }
}
