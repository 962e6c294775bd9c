package org.statehub.gateway;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * Stands in for enrollment-service in {@link TokenInfoTest}: answers {@code GET stateEducationAgencies},
 * {@code educationServiceCenters}, {@code localEducationAgencies} and {@code schools} (by id, or a whole page) with
 * one state agency, one service center, Grand Bend's LEA and one of its schools, as the service does, and
 * 401 to a request without a bearer token.
 */
public class OrganizationsService extends StandInService {

    static final String LEA = "{\"localEducationAgencyId\":255901,\"nameOfInstitution\":\"Grand Bend ISD\","
            + "\"educationServiceCenterReference\":{\"educationServiceCenterId\":255960},"
            + "\"stateEducationAgencyReference\":{\"stateEducationAgencyId\":255950}}";
    static final String SEA = "{\"stateEducationAgencyId\":255950,\"nameOfInstitution\":\"State Education Agency\"}";
    static final String ESC =
            "{\"educationServiceCenterId\":255960,\"nameOfInstitution\":\"Region 99 Education Service Center\","
                    + "\"stateEducationAgencyReference\":{\"stateEducationAgencyId\":255950}}";
    static final String SCHOOL = "{\"schoolId\":255901001,\"nameOfInstitution\":\"Bayside High School\","
            + "\"localEducationAgencyReference\":{\"localEducationAgencyId\":255901}}";

    public OrganizationsService() {
        super("enrollment-service");
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.startsWith("/data/v3/ed-fi/")) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        String query = exchange.getRequestURI().getQuery() == null
                ? ""
                : exchange.getRequestURI().getQuery();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            exchange.sendResponseHeaders(401, -1);
            return;
        }
        String answer;
        if (path.endsWith("/stateEducationAgencies")) {
            answer = answer(query, "stateEducationAgencyId=255950", SEA);
        } else if (path.endsWith("/educationServiceCenters")) {
            answer = answer(query, "educationServiceCenterId=255960", ESC);
        } else if (path.endsWith("/localEducationAgencies")) {
            answer = answer(query, "localEducationAgencyId=255901", LEA);
        } else if (path.endsWith("/schools")) {
            answer = answer(query, "schoolId=255901001", SCHOOL);
        } else {
            answer = "[]";
        }
        json(exchange, 200, answer);
    }

    /** The one item as a page (the first page, or a query by its own id), otherwise no item. */
    private static String answer(String query, String byItsId, String item) {
        boolean laterPage = query.contains("offset=") && !query.contains("offset=0");
        boolean byAnotherId =
                query.contains(byItsId.substring(0, byItsId.indexOf('=') + 1)) && !query.contains(byItsId);
        return laterPage || byAnotherId ? "[]" : "[" + item + "]";
    }
}
