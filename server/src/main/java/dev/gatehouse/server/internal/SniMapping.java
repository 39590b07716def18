package dev.gatehouse.server.internal;

import dev.gatehouse.server.TlsStore;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import java.util.function.Supplier;

/** Picks the certificate for a TLS handshake from the store current at that moment (it changes on reload). */
final class SniMapping implements Mapping<String, SslContext> {
    private final Supplier<TlsStore> store;

    SniMapping(Supplier<TlsStore> store) {
        this.store = store;
    }

    @Override
    public SslContext map(String serverName) {
        TlsStore s = store.get();
        if (s == null) {
            throw new IllegalStateException("no TLS store");
        }
        return s.contextFor(serverName);
    }
}
