package org.statehub.edfi.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An extension project (docs/decisions/0020): a folder with {@code project.json} (its name, the endpoint name its
 * members sit under in {@code _ext}, its version, and for each core resource it extends the JSON Schema fragment
 * of its members and their declarations) and the fragments it names. The projects a deployment serves are named by
 * the system property {@code edfi.extensions} or the environment variable {@code EDFI_EXTENSIONS}: a
 * comma-separated list of projects shipped with this library ({@code sample}) or of folders. None by default: a
 * state serves only the extensions it chose.
 *
 * @param source       where it was named from: a shipped project's name, or a folder as the deployment gave it
 * @param projectName  the project's name ({@code Sample})
 * @param endpointName the name its members sit under ({@code _ext.sample}) and its URL segment
 * @param version      the project's version
 * @param declaration  {@code project.json} as read
 * @param files        reads a file of the project's folder by its name
 */
public record ExtensionProject(
        String source,
        String projectName,
        String endpointName,
        String version,
        JsonNode declaration,
        Function<String, JsonNode> files) {

    private static final String SHIPPED = "edfi/extensions/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The projects the deployment names ({@code edfi.extensions} or {@code EDFI_EXTENSIONS}); none when unset. */
    public static List<ExtensionProject> configured() {
        String names = System.getProperty("edfi.extensions", System.getenv("EDFI_EXTENSIONS"));
        return named(names == null ? "" : names);
    }

    /**
     * The projects of a comma-separated list: a name without a path separator is a project shipped with this
     * library, anything else a folder. An unknown name or a folder without {@code project.json} is an error.
     */
    public static List<ExtensionProject> named(String names) {
        List<ExtensionProject> projects = new ArrayList<>();
        for (String name : names.split(",")) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            projects.add(
                    trimmed.contains("/") || trimmed.contains(java.io.File.separator)
                            ? folder(Path.of(trimmed), trimmed)
                            : shipped(trimmed));
        }
        return List.copyOf(projects);
    }

    /** A project shipped with this library, by its folder's name under {@code edfi/extensions/}. */
    public static ExtensionProject shipped(String name) {
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalStateException("Not the name of a shipped extension project: " + name);
        }
        return of(name, file -> {
            try (InputStream in =
                    ExtensionProject.class.getClassLoader().getResourceAsStream(SHIPPED + name + "/" + file)) {
                if (in == null) {
                    throw new IllegalStateException(
                            "Extension project " + name + ": no file " + file + " (shipped projects: " + SHIPPED + ")");
                }
                return parse(name, file, MAPPER.readTree(in));
            } catch (JsonProcessingException e) {
                throw malformed(name, file, e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A project in a folder of the deployment's. */
    public static ExtensionProject folder(Path folder) {
        return folder(folder, folder.toString());
    }

    private static ExtensionProject folder(Path folder, String source) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("Extension project " + source
                    + ": no such folder (EDFI_EXTENSIONS names a shipped project or a folder holding project.json)");
        }
        return of(source, file -> {
            Path path = folder.resolve(file).normalize();
            if (!path.startsWith(folder.normalize())) {
                throw new IllegalStateException("Extension project " + folder + ": " + file + " is outside it");
            }
            if (file.isEmpty() || !Files.isRegularFile(path)) {
                throw new IllegalStateException("Extension project " + folder + ": no file "
                        + (file.isEmpty() ? "named where one is expected" : file));
            }
            try {
                return parse(source, file, MAPPER.readTree(path.toFile()));
            } catch (JsonProcessingException e) {
                throw malformed(source, file, e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A file's JSON, which must be an object (every file of a project is one). */
    private static JsonNode parse(String where, String file, JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalStateException(
                    "Extension project " + where + ": " + file + " is not a JSON object (an empty file?)");
        }
        return json;
    }

    private static IllegalStateException malformed(String where, String file, JsonProcessingException e) {
        var location = e.getLocation();
        return new IllegalStateException("Extension project " + where + ": " + file + " is not valid JSON"
                + (location == null
                        ? ""
                        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")")
                + ": " + e.getOriginalMessage());
    }

    private static ExtensionProject of(String where, Function<String, JsonNode> files) {
        JsonNode project = files.apply("project.json");
        String endpoint = project.path("projectEndpointName").asText("");
        if (!endpoint.matches("[a-z][A-Za-z0-9]*")) {
            throw new IllegalStateException("Extension project " + where
                    + ": projectEndpointName must be a lowerCamel word, not '" + endpoint + "'");
        }
        if (endpoint.equals("ed-fi") || endpoint.equals("edfi")) {
            throw new IllegalStateException("Extension project " + where + ": '" + endpoint + "' is the core's");
        }
        if (endpoint.equals("profiles")) {
            // /metadata/data/v3/profiles/{profile}/swagger.json are the profiles' documents
            throw new IllegalStateException(
                    "Extension project " + where + ": 'profiles' names the profiles' OpenAPI documents");
        }
        return new ExtensionProject(
                where,
                project.path("projectName").asText(endpoint),
                endpoint,
                project.path("version").asText(""),
                project,
                files);
    }
}
