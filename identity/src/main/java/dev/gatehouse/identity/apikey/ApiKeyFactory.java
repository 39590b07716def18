package dev.gatehouse.identity.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.config.SpecBinder;
import dev.gatehouse.config.SpecBindingException;
import dev.gatehouse.core.Consumer;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.core.spi.MiddlewareFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds {@code apiKey} middlewares; reads {@code keysFile} here, never on the request path. */
public final class ApiKeyFactory implements MiddlewareFactory<ApiKeySpec> {
    @Override
    public String kind() {
        return "apiKey";
    }

    @Override
    public Class<ApiKeySpec> specType() {
        return ApiKeySpec.class;
    }

    @Override
    public Middleware create(ApiKeySpec spec, BuildContext ctx) {
        if (spec.secretValues() != null && !spec.secretValues().isEmpty()) {
            throw new InvalidSpecException("secretValues", "not supported yet; list keys under \"keys\" as SHA-256"
                    + " digests (see docs/middlewares/apiKey.md)");
        }
        ApiKeySourceSpec source = spec.keySource();
        if (source == null || (blank(source.header()) && blank(source.query()) && blank(source.cookie()))) {
            throw new InvalidSpecException("keySource", "set keySource.header, keySource.query or keySource.cookie");
        }
        if (!blank(source.headerAuthScheme()) && blank(source.header())) {
            throw new InvalidSpecException("keySource.headerAuthScheme", "needs keySource.header");
        }
        Map<String, Consumer> byDigest = new HashMap<>();
        if (!blank(spec.keysFile())) {
            addAll(readKeysFile(ctx.baseDir(), spec.keysFile()), "keysFile", byDigest);
        }
        if (spec.keys() != null) {
            addAll(spec.keys(), "keys", byDigest);
        }
        if (byDigest.isEmpty()) {
            throw new InvalidSpecException("keys", "list at least one key (in keys or keysFile)");
        }
        boolean base64 = Boolean.FALSE.equals(spec.secretNonBase64Encoded());
        return new ApiKeyMiddleware(source, base64, Boolean.TRUE.equals(spec.forwardKey()),
                new ApiKeyStore(byDigest));
    }

    private static void addAll(List<ApiKeyEntrySpec> entries, String where, Map<String, Consumer> byDigest) {
        for (int i = 0; i < entries.size(); i++) {
            String path = where + "[" + i + "]";
            ApiKeyEntrySpec e = entries.get(i);
            if (e == null) {
                throw new InvalidSpecException(path, "expected an object with sha256 and consumer");
            }
            if (e.key() != null || e.value() != null) {
                throw new InvalidSpecException(path, "plain keys are not accepted; configure sha256, the key's"
                        + " SHA-256 digest: printf %s \"$KEY\" | sha256sum");
            }
            String digest = e.sha256() == null ? "" : e.sha256().strip().toLowerCase(Locale.ROOT);
            if (!digest.matches("[0-9a-f]{64}")) {
                throw new InvalidSpecException(path + ".sha256", "must be a SHA-256 digest (64 hex digits);"
                        + " make one with: printf %s \"$KEY\" | sha256sum");
            }
            if (blank(e.consumer())) {
                throw new InvalidSpecException(path + ".consumer", "is required: the caller's name");
            }
            Map<String, Object> claims = e.metadata() == null ? Map.of() : new LinkedHashMap<>(e.metadata());
            Consumer c = new Consumer(e.consumer(), e.groups() == null ? List.of() : e.groups(), List.of(), claims,
                    blank(e.plan()) ? null : e.plan(), "apiKey");
            if (byDigest.put(digest, c) != null) {
                throw new InvalidSpecException(path + ".sha256", "the same key is listed twice");
            }
        }
    }

    private static List<ApiKeyEntrySpec> readKeysFile(Path baseDir, String file) {
        Path path = baseDir == null ? Path.of(file) : baseDir.resolve(file);
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(path.toFile());
        } catch (IOException e) {
            throw new InvalidSpecException("keysFile", "cannot read " + path + ": " + e.getClass().getSimpleName());
        }
        JsonNode list = root != null && root.isObject() && root.has("keys") ? root.get("keys") : root;
        if (list == null || !list.isArray()) {
            throw new InvalidSpecException("keysFile", path + " must hold a list of keys (or an object with keys)");
        }
        List<ApiKeyEntrySpec> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            try {
                out.add(SpecBinder.bind(list.get(i), ApiKeyEntrySpec.class, "keysFile[" + i + "]", null));
            } catch (SpecBindingException e) {
                throw new InvalidSpecException("keysFile[" + i + "]", e.getMessage());
            }
        }
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
