package org.statehub.feed.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request refused before its work starts (not allowed, or naming nothing): the problem response is the answer. */
final class Refused extends RuntimeException {

    final transient Response response;

    Refused(Response response) {
        super(null, null, false, false);
        this.response = response;
    }

    @Provider
    static final class Mapper implements ExceptionMapper<Refused> {
        @Override
        public Response toResponse(Refused refused) {
            return refused.response;
        }
    }
}
