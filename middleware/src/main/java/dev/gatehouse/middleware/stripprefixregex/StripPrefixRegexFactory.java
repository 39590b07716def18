package dev.gatehouse.middleware.stripprefixregex;

import com.google.re2j.Pattern;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.MiddlewareFactory;
import dev.gatehouse.middleware.internal.GoRegex;
import java.util.List;

/** Builds {@code stripPrefixRegex} middlewares. */
public final class StripPrefixRegexFactory implements MiddlewareFactory<StripPrefixRegexSpec> {
    @Override
    public String kind() {
        return "stripPrefixRegex";
    }

    @Override
    public Class<StripPrefixRegexSpec> specType() {
        return StripPrefixRegexSpec.class;
    }

    @Override
    public Middleware create(StripPrefixRegexSpec spec, BuildContext ctx) {
        List<String> exprs = spec.regex() == null ? List.of() : spec.regex();
        Pattern[] patterns = new Pattern[exprs.size()];
        for (int i = 0; i < patterns.length; i++) {
            patterns[i] = GoRegex.compile("regex[" + i + "]", exprs.get(i));
        }
        return new StripPrefixRegexMiddleware(patterns);
    }
}
