package dev.gatehouse.server.internal;

import io.netty.handler.codec.DefaultHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.util.AsciiString;

/**
 * Name validation for the request headers the HTTP/1 decoder builds. Every name the decoder reads is validated
 * as before; the names the server itself then sets ({@code X-Forwarded-*}, {@code X-Real-Ip}, ...) are constants
 * known to be valid, and validating them again, character by character, on every request showed in profiles.
 * They are recognised by identity, so no other name skips the check.
 */
final class RequestHeaderNames implements DefaultHeaders.NameValidator<CharSequence> {
    /** The decoder's headers: Netty's validation of names and values, minus the re-check of our constants. */
    static final HttpHeadersFactory FACTORY = DefaultHttpHeadersFactory.headersFactory()
            .withValidation(true)
            .withNameValidator(new RequestHeaderNames());

    private static final DefaultHeaders.NameValidator<CharSequence> DEFAULT =
            DefaultHttpHeadersFactory.headersFactory().getNameValidator();

    private static final AsciiString[] OWN = {HeaderNames.X_FORWARDED_PROTO, HeaderNames.X_FORWARDED_PORT,
        HeaderNames.X_FORWARDED_HOST, HeaderNames.X_FORWARDED_SERVER, HeaderNames.X_REAL_IP,
        HttpHeaderNames.HOST, HttpHeaderNames.TE, HttpHeaderNames.CONNECTION};

    private RequestHeaderNames() {
    }

    @Override
    public void validateName(CharSequence name) {
        if (name instanceof AsciiString) {
            for (AsciiString own : OWN) {
                if (own == name) {
                    return;
                }
            }
        }
        DEFAULT.validateName(name);
    }
}
