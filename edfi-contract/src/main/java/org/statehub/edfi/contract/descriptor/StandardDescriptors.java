package org.statehub.edfi.contract.descriptor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The standard Ed-Fi descriptor values shipped with this library ({@code edfi/descriptors/*.xml}, Ed-Fi Data
 * Standard 5.2, Apache 2.0, see the LICENSE and NOTICES.md beside them). Read as a stream, one value at a time.
 */
public final class StandardDescriptors {

    private static final String BASE = "edfi/descriptors/";

    /** One code value of one descriptor type. */
    public record Entry(
            String descriptor, String namespace, String codeValue, String shortDescription, String description) {

        public String uri() {
            return namespace + "#" + codeValue;
        }
    }

    private StandardDescriptors() {}

    /** Calls {@code consumer} with every standard descriptor value. */
    public static void forEach(Consumer<Entry> consumer) {
        for (String file : files()) {
            try (InputStream in = resource(file)) {
                read(in, consumer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (XMLStreamException e) {
                throw new IllegalStateException("Descriptor file " + file + " is not valid XML", e);
            }
        }
    }

    /**
     * The descriptor type of every shipped file: the name of its elements (which is not always the file's name:
     * {@code TransportationPublicExpenseEligibilityDescriptor.xml} holds
     * {@code TransportationPublicExpenseEligibilityTypeDescriptor} values).
     */
    public static List<String> descriptorNames() {
        List<String> names = new ArrayList<>();
        for (String file : files()) {
            try (InputStream in = resource(file)) {
                XMLInputFactory factory = XMLInputFactory.newFactory();
                factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
                XMLStreamReader xml = factory.createXMLStreamReader(in);
                int depth = 0;
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.START_ELEMENT && ++depth == 2) {
                        names.add(xml.getLocalName());
                        break;
                    }
                }
                xml.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (XMLStreamException e) {
                throw new IllegalStateException("Descriptor file " + file + " is not valid XML", e);
            }
        }
        return names;
    }

    static List<String> files() {
        List<String> files = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(resource("index.txt"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    files.add(line.trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static InputStream resource(String name) {
        InputStream in = StandardDescriptors.class.getClassLoader().getResourceAsStream(BASE + name);
        if (in == null) {
            throw new IllegalStateException("Missing from the classpath: " + BASE + name);
        }
        return in;
    }

    private static void read(InputStream in, Consumer<Entry> consumer) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader xml = factory.createXMLStreamReader(in);
        int depth = 0;
        String descriptor = null;
        String field = null;
        String namespace = null;
        String codeValue = null;
        String shortDescription = null;
        String description = null;
        StringBuilder text = new StringBuilder();
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                if (depth == 2) {
                    descriptor = xml.getLocalName();
                    namespace = codeValue = shortDescription = description = null;
                } else if (depth == 3) {
                    field = xml.getLocalName();
                    text.setLength(0);
                }
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                if (depth == 3) {
                    text.append(xml.getText());
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (depth == 3) {
                    String value = text.toString().trim();
                    switch (field) {
                        case "Namespace" -> namespace = value;
                        case "CodeValue" -> codeValue = value;
                        case "ShortDescription" -> shortDescription = value;
                        case "Description" -> description = value;
                        default -> {}
                    }
                } else if (depth == 2 && namespace != null && codeValue != null) {
                    consumer.accept(new Entry(descriptor, namespace, codeValue, shortDescription, description));
                }
                depth--;
            }
        }
        xml.close();
    }
}
