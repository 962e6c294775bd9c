package org.statehub.simulator.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.function.IntFunction;
import org.statehub.simulator.domain.District;
import org.statehub.simulator.domain.Fault;
import org.statehub.simulator.domain.ResourceType;
import org.statehub.simulator.domain.SamplePets;

/**
 * Response bodies written record by record as they are generated (a page of 5,000 or a template of 600,000 rows
 * holds one record in memory), and the body faults: "malformed" spoils every tenth record, "truncate" writes
 * about half of the records and the first half of the next one, then closes the connection, so the chunked body
 * never ends.
 */
final class Bodies {

    static final String IMPOSSIBLE_DATE = "2024-13-45";

    private Bodies() {}

    /** A page of a vendor resource as a JSON array. */
    static StreamingOutput vendorPage(
            ObjectMapper mapper,
            District district,
            ResourceType type,
            long offset,
            int limit,
            Fault.Mode fault,
            Runnable closeConnection) {
        long count = Math.max(0, Math.min(limit, district.visibleCount(type) - offset));
        return out -> {
            PrimitiveIterator.OfInt indices = district.visibleIndices(type, offset, limit);
            jsonArray(mapper, out, count, fault, closeConnection, position -> {
                int index = indices.nextInt();
                Map<String, Object> record = VendorJson.of(district.record(type, index));
                if (type == ResourceType.STUDENTS) {
                    VendorJson.extend(record, SamplePets.of(district.spec(), index));
                }
                if (fault == Fault.Mode.MALFORMED) {
                    VendorJson.spoil(type, record, position);
                }
                return record;
            });
        };
    }

    /** A whole template as a JSON array of flat objects, every value a string. */
    static StreamingOutput templateJson(
            ObjectMapper mapper, District district, Template template, Fault.Mode fault, Runnable closeConnection) {
        long count = district.visibleCount(template.rows());
        return out -> {
            PrimitiveIterator.OfInt indices = district.visibleIndices(template.rows(), 0, Long.MAX_VALUE);
            List<String> columns = template.columns(district);
            jsonArray(mapper, out, count, fault, closeConnection, position -> {
                String[] row = template.row(district, indices.nextInt());
                if (fault == Fault.Mode.MALFORMED) {
                    template.spoil(row, position);
                }
                Map<String, Object> object = new LinkedHashMap<>();
                for (int c = 0; c < columns.size(); c++) {
                    object.put(columns.get(c), row[c]);
                }
                return object;
            });
        };
    }

    /**
     * A whole template as RFC 4180 CSV (UTF-8, CRLF, a header row). "Malformed" also gives rows 5, 15, 25, ...
     * alternately one cell too few and one too many.
     */
    static StreamingOutput templateCsv(
            District district, Template template, Fault.Mode fault, Runnable closeConnection) {
        long count = district.visibleCount(template.rows());
        return out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
            writer.write(csvLine(template.columns(district).toArray(String[]::new)));
            PrimitiveIterator.OfInt indices = district.visibleIndices(template.rows(), 0, Long.MAX_VALUE);
            long cutAt = fault == Fault.Mode.TRUNCATE ? count / 2 : -1;
            for (int position = 0; indices.hasNext(); position++) {
                String[] row = template.row(district, indices.nextInt());
                if (fault == Fault.Mode.MALFORMED) {
                    template.spoil(row, position);
                    row = wrongWidth(row, position);
                }
                String line = csvLine(row);
                if (position == cutAt) {
                    writer.write(line, 0, line.length() / 2);
                    cut(writer, out, closeConnection);
                    return;
                }
                writer.write(line);
            }
            if (cutAt >= 0) {
                cut(writer, out, closeConnection);
                return;
            }
            writer.flush();
        };
    }

    private static void jsonArray(
            ObjectMapper mapper,
            OutputStream out,
            long count,
            Fault.Mode fault,
            Runnable closeConnection,
            IntFunction<Map<String, Object>> records)
            throws IOException {
        JsonGenerator json = mapper.createGenerator(out);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeStartArray();
        long cutAt = fault == Fault.Mode.TRUNCATE ? count / 2 : -1;
        for (int position = 0; position < count; position++) {
            Map<String, Object> record = records.apply(position);
            if (position == cutAt) {
                json.flush();
                byte[] bytes = mapper.writeValueAsBytes(record);
                if (position > 0) {
                    out.write(',');
                }
                out.write(bytes, 0, bytes.length / 2);
                cut(null, out, closeConnection);
                return;
            }
            json.writeObject(record);
        }
        if (cutAt >= 0) {
            json.flush();
            cut(null, out, closeConnection);
            return;
        }
        json.writeEndArray();
        json.flush();
    }

    /** Sends what was written, then closes the connection: the client gets a 200 whose body never ends. */
    private static void cut(Writer writer, OutputStream out, Runnable closeConnection) throws IOException {
        if (writer != null) {
            writer.flush();
        }
        out.flush();
        closeConnection.run();
    }

    private static String[] wrongWidth(String[] row, int position) {
        if (position % 10 != 5) {
            return row;
        }
        if ((position / 10) % 2 == 0) {
            return Arrays.copyOf(row, row.length - 1);
        }
        String[] wider = Arrays.copyOf(row, row.length + 1);
        wider[row.length] = "EXTRA";
        return wider;
    }

    static String csvLine(String[] cells) {
        StringBuilder line = new StringBuilder(cells.length * 12);
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            String cell = cells[i];
            if (cell.indexOf(',') >= 0
                    || cell.indexOf('"') >= 0
                    || cell.indexOf('\n') >= 0
                    || cell.indexOf('\r') >= 0) {
                line.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                line.append(cell);
            }
        }
        return line.append("\r\n").toString();
    }
}
