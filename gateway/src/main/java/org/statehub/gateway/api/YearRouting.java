package org.statehub.gateway.api;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.statehub.gateway.service.ServedYears;
import org.statehub.http.SchoolYears;

/**
 * School-year URLs (docs/decisions/0020, part 5): {@code /{year}/data/v3/...}, {@code /{year}/bulk/v1/...},
 * {@code /{year}/changeQueries/v1/...}, {@code /{year}/metadata/...} and {@code /{year}/} (ODS/API 7.3's context
 * route), and the older {@code /data/v3/{year}/...}, for a year the deployment serves ({@link ServedYears}), go on
 * as the unqualified path with the {@code Hub-Data-Space} header naming the year: the services pick the year's
 * schema by it, the gateway's own answers (change versions, metadata, discovery) their year's URLs. A year not
 * served is left as it came, which no route takes (404). The header is taken only from the URL: one a caller sent is
 * removed. Runs first, before hub-http's edge, so the rerouted path is admitted, and put in its canonical case, as
 * any other.
 */
@ApplicationScoped
public class YearRouting {

    /** Before hub-http's {@code HttpEdge} admits the request (its order -100). */
    static final int ORDER = -110;

    /** The year of a request that named one, kept in its routing context. */
    static final String YEAR = "statehub.school-year";

    private static final Pattern QUALIFIED =
            Pattern.compile("/(20[0-9]{2})(/|(/(?i:data|bulk|changeQueries|metadata)(/.*)?))?");

    private static final Pattern ALIAS = Pattern.compile("/(?i:data)/(?i:v3)/(20[0-9]{2})(/.*)?");

    @Inject
    ServedYears years;

    /** The school year a request named in its URL, or null. */
    static String of(RoutingContext rc) {
        return rc.get(YEAR);
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::route);
    }

    void route(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (of(rc) != null) {
            rc.next(); // rerouted below: the year is set
            return;
        }
        request.headers().remove(SchoolYears.HEADER);
        String year = null;
        String rest = null;
        Matcher qualified = QUALIFIED.matcher(request.path());
        Matcher alias = ALIAS.matcher(request.path());
        if (qualified.matches()) {
            year = qualified.group(1);
            rest = qualified.group(3) == null ? "/" : qualified.group(3);
        } else if (alias.matches()) {
            year = alias.group(1);
            rest = "/data/v3" + (alias.group(2) == null ? "" : alias.group(2));
        }
        if (year == null || !years.serves(year)) {
            rc.next();
            return;
        }
        rc.put(YEAR, year);
        request.headers().set(SchoolYears.HEADER, year);
        rc.reroute(request.method(), rest + (request.query() == null ? "" : "?" + request.query()));
    }

    /** A {@code Location} of a service's answer to a request in {@code year}: the year's URL of the item. */
    static String located(String location, String year) {
        return location.replaceFirst("^((?:https?://[^/]+)?)/(data|bulk)/", "$1/" + year + "/$2/");
    }
}
