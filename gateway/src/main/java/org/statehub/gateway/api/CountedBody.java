package org.statehub.gateway.api;

import io.vertx.core.Handler;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import lombok.RequiredArgsConstructor;

/**
 * A caller's body passed on as it arrives, refused once more than {@code limit} bytes have come: the stream then
 * fails ({@link #exceeded()} tells why), so the call to the service is cut off and the caller gets a 413.
 */
@RequiredArgsConstructor
final class CountedBody implements ReadStream<Buffer> {

    private final ReadStream<Buffer> source;
    private final long limit;
    private long read;
    private boolean exceeded;
    private Handler<Throwable> failed;

    /** Whether more than the limit arrived. */
    boolean exceeded() {
        return exceeded;
    }

    @Override
    public CountedBody exceptionHandler(Handler<Throwable> handler) {
        failed = handler;
        source.exceptionHandler(handler);
        return this;
    }

    @Override
    public CountedBody handler(Handler<Buffer> handler) {
        if (handler == null) {
            source.handler(null);
            return this;
        }
        source.handler(buffer -> {
            if (exceeded) {
                return;
            }
            read += buffer.length();
            if (read > limit) {
                exceeded = true;
                if (failed != null) {
                    failed.handle(new VertxException("Request body over " + limit + " bytes", true));
                }
                return;
            }
            handler.handle(buffer);
        });
        return this;
    }

    @Override
    public CountedBody pause() {
        source.pause();
        return this;
    }

    @Override
    public CountedBody resume() {
        source.resume();
        return this;
    }

    @Override
    public CountedBody fetch(long amount) {
        source.fetch(amount);
        return this;
    }

    @Override
    public CountedBody endHandler(Handler<Void> handler) {
        source.endHandler(handler);
        return this;
    }
}
