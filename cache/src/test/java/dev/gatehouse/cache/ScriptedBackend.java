package dev.gatehouse.cache;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.StreamBody;
import dev.gatehouse.core.Flow;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A backend for the in-memory exchange: answers with what the test scripts, in pooled buffers (so the leak
 * detector sees every one), and records each request's method and fields as it arrived.
 */
final class ScriptedBackend implements HttpHandler {
    /** One scripted answer. */
    record Reply(int status, HttpHeaders headers, String body, boolean knownLength) {
        static Reply of(int status, String body, String... headers) {
            HttpHeaders h = new DefaultHttpHeaders();
            for (int i = 0; i < headers.length; i += 2) {
                h.add(headers[i], headers[i + 1]);
            }
            return new Reply(status, h, body, true);
        }

        Reply unknownLength() {
            return new Reply(status, headers, body, false);
        }
    }

    /** What a request looked like when it reached the backend. */
    record Seen(String method, String uri, HttpHeaders headers) {
    }

    private BiFunction<HttpRequest, Integer, Reply> script;
    final List<Seen> seen = new ArrayList<>();

    ScriptedBackend(BiFunction<HttpRequest, Integer, Reply> script) {
        this.script = script;
    }

    static ScriptedBackend always(Reply reply) {
        return new ScriptedBackend((req, n) -> reply);
    }

    void script(BiFunction<HttpRequest, Integer, Reply> next) {
        this.script = next;
    }

    int calls() {
        return seen.size();
    }

    Seen last() {
        return seen.get(seen.size() - 1);
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req) {
        seen.add(new Seen(req.method().name(), req.uri(), new DefaultHttpHeaders().set(req.headers())));
        Reply r = script.apply(req, seen.size());
        return HttpResponse.of(r.status(), new DefaultHttpHeaders().set(r.headers()), body(r));
    }

    /** A streamed body of two pooled chunks, or empty. */
    static Body body(Reply r) {
        byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            return Body.empty();
        }
        StreamBody b = new StreamBody(Flow.NONE, r.knownLength() ? bytes.length : -1);
        int half = bytes.length / 2;
        b.push(chunk(bytes, 0, half));
        b.pushLast(chunk(bytes, half, bytes.length - half), null);
        return b;
    }

    private static ByteBuf chunk(byte[] bytes, int from, int len) {
        ByteBuf c = PooledByteBufAllocator.DEFAULT.buffer(Math.max(1, len));
        c.writeBytes(bytes, from, len);
        return c;
    }
}
