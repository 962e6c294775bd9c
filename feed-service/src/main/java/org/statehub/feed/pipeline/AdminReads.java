package org.statehub.feed.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import lombok.RequiredArgsConstructor;
import org.statehub.feed.delivery.HubClient;

/**
 * {@link SharedOrphans.Lookup} through the gateway, as feed-service's administrator: every organization's, in one
 * school year ({@code yearPrefix} {@code /2026}; empty without years).
 */
@RequiredArgsConstructor
final class AdminReads implements SharedOrphans.Lookup {

    private static final int PAGE = 500;

    private final HubClient hub;
    private final ObjectMapper mapper;
    private final String adminId;
    private final String adminSecret;
    private final String yearPrefix;

    @Override
    public Set<Long> organizationsOf(String studentUniqueId) throws IOException, InterruptedException {
        Set<Long> found = new LinkedHashSet<>();
        for (JsonNode enrollment : all("studentSchoolAssociations", "studentUniqueId", studentUniqueId)) {
            found.add(enrollment.path("schoolReference").path("schoolId").asLong());
        }
        for (JsonNode seoa : all("studentEducationOrganizationAssociations", "studentUniqueId", studentUniqueId)) {
            found.add(seoa.path("educationOrganizationReference")
                    .path("educationOrganizationId")
                    .asLong());
        }
        return found;
    }

    @Override
    public Set<String> studentsOf(String contactUniqueId) throws IOException, InterruptedException {
        Set<String> found = new LinkedHashSet<>();
        for (JsonNode association : all("studentContactAssociations", "contactUniqueId", contactUniqueId)) {
            found.add(
                    association.path("studentReference").path("studentUniqueId").asText());
        }
        return found;
    }

    @Override
    public Long leaOf(long schoolId) throws IOException, InterruptedException {
        List<JsonNode> schools = all("schools", "schoolId", Long.toString(schoolId));
        JsonNode id = schools.isEmpty()
                ? null
                : schools.get(0).path("localEducationAgencyReference").path("localEducationAgencyId");
        return id != null && id.isNumber() ? id.asLong() : null;
    }

    /** Every item of the resource whose {@code field} is {@code value}, in keyset pages. */
    private List<JsonNode> all(String resource, String field, String value) throws IOException, InterruptedException {
        List<JsonNode> items = new ArrayList<>();
        String token = null;
        do {
            String path = yearPrefix + "/data/v3/ed-fi/" + resource + "?" + field + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8) + "&pageSize=" + PAGE
                    + (token == null ? "" : "&pageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            HubClient.Reply reply = read(path);
            JsonNode page;
            try {
                page = mapper.readTree(reply.body());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new SharedOrphans.CannotTell("the hub's answer to " + path + " is not JSON", e);
            }
            if (page == null || !page.isArray()) {
                throw new SharedOrphans.CannotTell("the hub's answer to " + path + " is not a JSON array");
            }
            page.forEach(items::add);
            token = reply.nextPageToken();
        } while (token != null);
        return items;
    }

    /** A read as the administrator; a passing refusal (429, 5xx) is tried again a few times. */
    private HubClient.Reply read(String path) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HubClient.Reply reply = hub.call(adminId, adminSecret, "GET", path, null);
            if (reply.status() == 200) {
                return reply;
            }
            if ((reply.status() == 429 || reply.status() >= 500) && attempt < 5) {
                Thread.sleep(1000L * attempt);
                continue;
            }
            if (reply.status() >= 400 && reply.status() < 500 && reply.status() != 401 && reply.status() != 429) {
                throw new SharedOrphans.CannotTell("the hub answered " + reply.status() + " to " + path);
            }
            throw new IOException("The hub answered " + reply.status() + " reading " + path + ": " + reply.body());
        }
    }
}
