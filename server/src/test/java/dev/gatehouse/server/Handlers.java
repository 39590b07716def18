package dev.gatehouse.server;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Handlers the tests serve. */
final class Handlers {
    private Handlers() {
    }

    /** Answers with the request as the handler saw it, one item per line; echoes the body after a blank line. */
    static HttpHandler echo() {
        return (ctx, req) -> {
            HttpResponse resp = HttpResponse.pending();
            req.body().aggregate(1 << 20, (buf, err) -> {
                if (err != null) {
                    resp.complete(500, new DefaultHttpHeaders(), Body.of("body error: " + err));
                    return;
                }
                StringBuilder sb = new StringBuilder();
                sb.append("method=").append(req.method()).append('\n');
                sb.append("path=").append(req.path()).append('\n');
                sb.append("normalized=").append(ctx.normalizedPath()).append('\n');
                sb.append("query=").append(req.rawQuery()).append('\n');
                sb.append("authority=").append(req.authority()).append('\n');
                sb.append("protocol=").append(req.protocol()).append('\n');
                sb.append("secure=").append(ctx.secure()).append('\n');
                for (Map.Entry<String, String> e : req.headers()) {
                    sb.append("h:").append(e.getKey().toLowerCase()).append('=').append(e.getValue()).append('\n');
                }
                sb.append('\n').append(buf.toString(StandardCharsets.UTF_8));
                buf.release();
                HttpHeaders h = new DefaultHttpHeaders();
                h.set("content-type", "text/plain");
                resp.complete(200, h, Body.of(sb.toString()));
            });
            return resp;
        };
    }
}
