package org.statehub.edfi.contract.profile;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import lombok.RequiredArgsConstructor;
import org.statehub.edfi.contract.CollectionDeclaration;
import org.statehub.edfi.contract.InvalidDefinitionException;
import org.statehub.edfi.contract.KeyField;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.contract.SchemaNavigator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads profile definitions in the Ed-Fi ODS/API's XML ({@code <Profiles>} of {@code <Profile name>}, or one
 * {@code <Profile>} as the ODS's Admin database holds it) and checks them against the catalog: the resources by
 * their model names ({@code School}), members by the model's names ({@code NameOfInstitution},
 * {@code CharterApprovalSchoolYearTypeReference}, a collection {@code EducationOrganizationAddresses} or
 * {@code SchoolGradeLevels} for the JSON member {@code addresses} or {@code gradeLevels}: the JSON name in any case,
 * or the model name ending with it), an extension's members under {@code <Extension name="Sample">}. Every finding is
 * reported at once ({@link InvalidDefinitionException}): an unknown resource or member, a member of the resource's
 * identity excluded, an unknown {@code memberSelection} or {@code filterMode}.
 */
public final class ProfileXml {

    private ProfileXml() {}

    /** The definitions in {@code xml}, checked against {@code catalog}. */
    public static List<ProfileDefinition> parse(String xml, ResourceCatalog catalog) {
        Element root = document(xml).getDocumentElement();
        List<String> problems = new ArrayList<>();
        List<Element> profiles = switch (root.getTagName()) {
            case "Profiles" -> children(root, "Profile");
            case "Profile" -> List.of(root);
            default -> {
                problems.add("The root element is <" + root.getTagName() + ">, not <Profiles> or <Profile>.");
                yield List.of();
            }
        };
        List<ProfileDefinition> definitions = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Element profile : profiles) {
            String name = profile.getAttribute("name").trim();
            if (name.isEmpty()) {
                problems.add("A <Profile> has no name.");
                continue;
            }
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,99}")) {
                // it is a word of media types (application/vnd.ed-fi.school.{name}.readable+json) and URLs
                problems.add("Profile '" + (name.length() > 100 ? name.substring(0, 100) + "..." : name)
                        + "': a name is 1-100 letters, digits, '-' and '_'.");
                continue;
            }
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                problems.add("Profile '" + name + "' is defined twice.");
            }
            definitions.add(profile(profile, name, catalog, problems));
        }
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return List.copyOf(definitions);
    }

    private static ProfileDefinition profile(
            Element profile, String name, ResourceCatalog catalog, List<String> problems) {
        Map<String, ProfileDefinition.ResourceProfile> resources = new LinkedHashMap<>();
        List<Element> declared = children(profile, "Resource");
        if (declared.isEmpty()) {
            problems.add("Profile '" + name + "' names no <Resource>.");
        }
        for (Element resource : declared) {
            String resourceName = resource.getAttribute("name");
            String schema = resource.getAttribute("logicalSchema");
            ResourceDefinition definition = catalog.byResourceName(resourceName);
            String where = "Profile '" + name + "', resource " + resourceName;
            if (!schema.isEmpty() && !schema.equalsIgnoreCase("Ed-Fi") && !schema.equalsIgnoreCase("EdFi")) {
                problems.add(where + ": resources of extension projects (logicalSchema '" + schema
                        + "') are not served yet.");
                continue;
            }
            if (definition == null || definition.descriptor()) {
                problems.add(where + ": the hub serves no such resource.");
                continue;
            }
            if (resources.containsKey(definition.key())) {
                problems.add(where + ": named twice.");
                continue;
            }
            Optional<MemberSelection> readable = content(resource, "ReadContentType", definition, where, problems);
            Optional<MemberSelection> writable = content(resource, "WriteContentType", definition, where, problems);
            if (readable.isEmpty() && writable.isEmpty()) {
                problems.add(where + ": neither a <ReadContentType> nor a <WriteContentType>.");
            }
            resources.put(
                    definition.key(), new ProfileDefinition.ResourceProfile(definition.key(), readable, writable));
        }
        return new ProfileDefinition(name, java.util.Collections.unmodifiableMap(resources));
    }

    private static Optional<MemberSelection> content(
            Element resource, String tag, ResourceDefinition definition, String where, List<String> problems) {
        List<Element> found = children(resource, tag);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        JsonNode root = definition.schema();
        Set<String> identity = new LinkedHashSet<>();
        for (KeyField key : definition.identity()) {
            identity.add(key.path().segments().get(0));
        }
        return Optional.of(new Level(definition, root, where + ", " + tag, problems)
                .selection(found.get(0), SchemaNavigator.resolve(root, root), "$", identity));
    }

    /** Reading the members of one level of a resource (the resource, a collection item, an object). */
    private record Level(ResourceDefinition resource, JsonNode root, String where, List<String> problems) {

        MemberSelection selection(Element element, JsonNode schema, String path, Set<String> always) {
            String modeText = element.getAttribute("memberSelection");
            MemberSelection.Mode mode = MemberSelection.Mode.of(modeText);
            if (mode == null) {
                problems.add(where + " at " + path + ": memberSelection '" + modeText
                        + "' is not IncludeOnly, ExcludeOnly or IncludeAll.");
                mode = MemberSelection.Mode.INCLUDE_ALL;
            }
            Map<String, MemberSelection> members = new LinkedHashMap<>();
            List<MemberSelection.ValueFilter> filters = new ArrayList<>();
            for (Element child : children(element, null)) {
                String name = child.getAttribute("name");
                switch (child.getTagName()) {
                    case "Property" -> {
                        String member = member(schema, name, Kind.PROPERTY);
                        if (member == null) {
                            problems.add(where + " at " + path + ": no member '" + name + "'.");
                        } else {
                            members.put(member, null);
                        }
                    }
                    case "Collection", "Object", "Extension" -> {
                        Kind kind = Kind.valueOf(child.getTagName().toUpperCase(Locale.ROOT));
                        JsonNode parent =
                                kind == Kind.EXTENSION ? SchemaNavigator.property(root, schema, "_ext") : schema;
                        String member =
                                parent == null ? null : member(SchemaNavigator.resolve(root, parent), name, kind);
                        if (member == null) {
                            problems.add(where + " at " + path + ": no " + kind.word + " '" + name + "'.");
                            continue;
                        }
                        String memberPath = kind == Kind.EXTENSION ? path + "._ext." + member : path + "." + member;
                        JsonNode memberSchema = SchemaNavigator.resolve(
                                root, SchemaNavigator.property(root, SchemaNavigator.resolve(root, parent), member));
                        if (kind == Kind.COLLECTION) {
                            memberPath = memberPath + "[*]";
                            memberSchema = SchemaNavigator.resolve(root, memberSchema.get("items"));
                        }
                        MemberSelection nested =
                                selection(child, memberSchema, memberPath, itemKey(path + "." + member, kind));
                        if (kind == Kind.EXTENSION) {
                            mergeExtension(members, member, nested);
                        } else {
                            members.put(member, nested);
                        }
                    }
                    case "Filter" -> filters.add(filter(child, schema, path));
                    default -> problems.add(where + " at " + path + ": unknown element <" + child.getTagName() + ">.");
                }
            }
            if (mode == MemberSelection.Mode.EXCLUDE_ONLY) {
                for (String member : members.keySet()) {
                    if (always.contains(member)) {
                        problems.add(where + " at " + path + ": '" + member
                                + "' is part of the identity and is always included; it cannot be excluded.");
                    }
                }
            }
            return new MemberSelection(
                    mode, java.util.Collections.unmodifiableMap(members), Set.copyOf(always), List.copyOf(filters));
        }

        /** The key members of the collection at {@code path} (a collection item's identity). */
        private Set<String> itemKey(String path, Kind kind) {
            if (kind != Kind.COLLECTION) {
                return Set.of();
            }
            Set<String> key = new LinkedHashSet<>();
            for (CollectionDeclaration collection : resource.collections()) {
                if (collection.path().toString().equals(path)) {
                    collection.itemKey().forEach(k -> key.add(k.split("\\.")[0]));
                }
            }
            return key;
        }

        /** An {@code <Extension>}'s selection is the {@code _ext} member's, for the one project it names. */
        private static void mergeExtension(
                Map<String, MemberSelection> members, String project, MemberSelection nested) {
            MemberSelection ext = members.get("_ext");
            Map<String, MemberSelection> projects = new LinkedHashMap<>(ext == null ? Map.of() : ext.members());
            projects.put(project, nested);
            members.put("_ext", new MemberSelection(MemberSelection.Mode.INCLUDE_ONLY, projects, Set.of(), List.of()));
        }

        private MemberSelection.ValueFilter filter(Element filter, JsonNode schema, String path) {
            String property = filter.getAttribute("propertyName");
            String member = member(schema, property, Kind.PROPERTY);
            if (member == null) {
                problems.add(where + " at " + path + ": the filter names no member '" + property + "'.");
            }
            String mode = filter.getAttribute("filterMode");
            if (!mode.equals("IncludeOnly") && !mode.equals("ExcludeOnly")) {
                problems.add(where + " at " + path + ": filterMode '" + mode + "' is not IncludeOnly or ExcludeOnly.");
            }
            Set<String> values = new LinkedHashSet<>();
            children(filter, "Value")
                    .forEach(value -> values.add(value.getTextContent().trim()));
            return new MemberSelection.ValueFilter(member, mode.equals("IncludeOnly"), Set.copyOf(values));
        }
    }

    @RequiredArgsConstructor
    private enum Kind {
        PROPERTY("member"),
        COLLECTION("collection"),
        OBJECT("object"),
        EXTENSION("extension");

        final String word;
    }

    /**
     * The JSON member of {@code schema}'s object that the model name {@code name} names, or null: the member of the
     * same name in any case; for a collection or an object, else the member whose name the model name ends with (a
     * model name carries its entity's name before it: {@code SchoolGradeLevels} is {@code gradeLevels}).
     */
    private static String member(JsonNode schema, String name, Kind kind) {
        JsonNode properties = schema == null ? null : schema.get("properties");
        if (properties == null || name.isEmpty()) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String best = null;
        for (var it = properties.fieldNames(); it.hasNext(); ) {
            String candidate = it.next();
            JsonNode candidateSchema = properties.get(candidate);
            boolean array = SchemaNavigator.hasType(candidateSchema, "array");
            boolean object = SchemaNavigator.hasType(candidateSchema, "object")
                    || candidateSchema.has("$ref")
                    || candidateSchema.has("properties");
            boolean fits = switch (kind) {
                case PROPERTY -> !array;
                case COLLECTION -> array;
                case OBJECT, EXTENSION -> object;
            };
            if (!fits) {
                continue;
            }
            String candidateLower = candidate.toLowerCase(Locale.ROOT);
            if (candidateLower.equals(lower)) {
                return candidate;
            }
            boolean suffix = kind != Kind.PROPERTY
                    && kind != Kind.EXTENSION
                    && lower.endsWith(candidateLower)
                    && Character.isUpperCase(name.charAt(name.length() - candidate.length()));
            if (suffix && (best == null || candidate.length() > best.length())) {
                best = candidate;
            }
        }
        return best;
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element
                    && (tag == null || element.getTagName().equals(tag))) {
                found.add(element);
            }
        }
        return found;
    }

    /** Parses without document types or external entities (an XML body from a client is not trusted). */
    private static Document document(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException e) {
            throw new InvalidDefinitionException(List.of("The profile is not well-formed XML: " + e.getMessage()));
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
