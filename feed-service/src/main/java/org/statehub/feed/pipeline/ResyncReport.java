package org.statehub.feed.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.statehub.feed.store.Differ;
import org.statehub.feed.store.ResyncJobs;

/**
 * A resync's report (docs/FEEDS.md, "Resync"): what it found and repaired in total and, with school years, the same
 * counts per year it compared ({@code schoolYears}, and {@code years}: {@code {"2026": {"hubItems": ...}}}); each
 * year's counts add up to the totals. Without years the report has the totals alone, as before years existed.
 */
final class ResyncReport {

    /** The counts a report gives per school year, in the order it shows them. */
    static final List<String> PER_YEAR = List.of(
            "hubItems",
            "hubItemsSkipped",
            "sharedUnchecked",
            "orphansDeleted",
            "sharedKept",
            "missingRepublished",
            "alteredRepublished",
            "upserts",
            "deletes",
            "keyChanges");

    private final ObjectNode report;
    /** Per school year; null without years. */
    private final ObjectNode years;

    /** An empty report of a resync comparing {@code compared} ({@code [0]}: no years). */
    ResyncReport(ObjectMapper mapper, List<Integer> compared) {
        report = mapper.createObjectNode();
        report.put("sourceRecords", 0);
        PER_YEAR.forEach(member -> report.put(member, 0));
        if (compared.stream().anyMatch(year -> year > 0)) {
            compared.forEach(report.putArray("schoolYears")::add);
            years = report.putObject("years");
            for (int year : compared) {
                ObjectNode counts = years.putObject(Integer.toString(year));
                PER_YEAR.forEach(member -> counts.put(member, 0));
            }
        } else {
            years = null;
        }
    }

    /** Adds {@code n} to the count {@code member}, in total and in {@code year} ({@code 0}: no year). */
    void add(String member, int year, long n) {
        report.put(member, report.path(member).asLong() + n);
        addInYear(member, year, n);
    }

    /** One to the count {@code member} for each row, in its year. */
    void addEach(String member, List<Integer> rowYears) {
        rowYears.forEach(year -> add(member, year, 1));
    }

    /** The orphans kept because another organization shares them: counted (per year too), the first few listed. */
    void kept(List<ResyncJobs.Orphan> kept) {
        ResyncTargets.reportKept(report, kept);
        kept.forEach(orphan -> addInYear("sharedKept", orphan.schoolYear(), 1));
    }

    /** What the snapshot's comparison with the identity map queued, in total and per year. */
    void applied(Differ.Result result) {
        report.put("upserts", result.upserts());
        report.put("deletes", result.deletes());
        report.put("keyChanges", result.keyChanges());
        result.years().forEach((year, counts) -> {
            addInYear("upserts", year, counts.upserts());
            addInYear("deletes", year, counts.deletes());
            addInYear("keyChanges", year, counts.keyChanges());
        });
    }

    private void addInYear(String member, int year, long n) {
        if (years == null || year <= 0) {
            return;
        }
        String name = Integer.toString(year);
        ObjectNode counts = years.has(name) ? (ObjectNode) years.get(name) : years.putObject(name);
        counts.put(member, counts.path(member).asLong() + n);
    }

    /** The report as JSON (members besides the counts, such as the run, are put on it directly). */
    ObjectNode node() {
        return report;
    }
}
