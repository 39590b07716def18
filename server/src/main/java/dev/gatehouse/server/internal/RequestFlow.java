package dev.gatehouse.server.internal;

import dev.gatehouse.core.Flow;

/**
 * A request body's flow control, as its consumer sees it: pause and resume map to the channel's autoRead
 * (for HTTP/2 the stream channel's, which withholds WINDOW_UPDATEs); cancel drops the rest of the body, and
 * closes the connection afterwards when too much of it remains to read through.
 */
final class RequestFlow implements Flow {
    private final HttpBridge bridge;
    private final Exchange ex;

    RequestFlow(HttpBridge bridge, Exchange ex) {
        this.bridge = bridge;
        this.ex = ex;
    }

    @Override
    public void pause() {
        bridge.pauseBody(ex);
    }

    @Override
    public void resume() {
        bridge.resumeBody(ex);
    }

    @Override
    public void cancel() {
        bridge.cancelBody(ex);
    }
}
