package dev.gatehouse.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.Body;
import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.RequestContext;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The demo's echo backend: answers with the request it received, as JSON, and its own instance name, so a
 * user sees what the gateway forwarded and which instance answered. {@code /health} answers 200 for health
 * checks. Bodies up to 64 KiB are echoed as text.
 */
public final class WhoamiHandler implements HttpHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ECHO = 64 * 1024;
    private final String instance;

    /** @param instance the name this instance reports */
    public WhoamiHandler(String instance) {
        this.instance = instance;
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req) {
        if ("/health".equals(req.path())) {
            return HttpResponse.text(200, "OK\n");
        }
        HttpResponse response = HttpResponse.pending();
        req.body().aggregate(MAX_ECHO, (bytes, error) -> {
            if (error != null) {
                response.complete(413, new DefaultHttpHeaders(), Body.of("request body over 64 KiB\n"));
                return;
            }
            String body = bytes.toString(StandardCharsets.UTF_8);
            bytes.release();
            response.completeWith(answer(ctx, req, body));
        });
        return response;
    }

    private HttpResponse answer(RequestContext ctx, HttpRequest req, String body) {
        ObjectNode out = JSON.createObjectNode();
        out.put("instance", instance);
        out.put("method", req.method().name());
        out.put("uri", req.uri());
        out.put("host", req.authority());
        out.put("protocol", req.protocol());
        out.put("remoteAddr", ctx.clientAddress() == null ? "" : ctx.clientIp() + ":" + ctx.clientAddress().getPort());
        ObjectNode headers = out.putObject("headers");
        for (Map.Entry<String, String> h : req.headers()) {
            String prev = headers.has(h.getKey()) ? headers.get(h.getKey()).asText() + ", " : "";
            headers.put(h.getKey(), prev + h.getValue());
        }
        if (!body.isEmpty()) {
            out.put("body", body);
        }
        DefaultHttpHeaders h = new DefaultHttpHeaders();
        h.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        try {
            return HttpResponse.of(200, h, Body.of(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(out)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return HttpResponse.text(500, "cannot encode: " + e.getMessage());
        }
    }
}
