package org.statehub.gateway.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * What the Admin API's lists share: {@code offset} (default 0), {@code limit} (default 25), {@code orderBy} (a
 * member of the listed model; by id when not given) and {@code direction} ({@code Ascending} or
 * {@code Descending}, the default once {@code orderBy} is given), integer ids in paths, and the checks of text
 * members. The stores read a page in SQL ({@link Page#rows()}); the lists of the contract's actions, strategies and
 * resource claims are cut from the whole list ({@link Page#of}).
 */
final class AdminApiLists {

    /** The default page size of the Admin API's lists. */
    static final int DEFAULT_LIMIT = 25;

    private AdminApiLists() {}

    /** A list's page and order, as asked for. */
    record Page(int offset, int limit, String orderBy, boolean descending) {

        /**
         * The page the parameters ask for, the order one of {@code orders}; a finding for each parameter that is
         * not valid is put into {@code errors}.
         */
        static Page of(
                String offset,
                String limit,
                String orderBy,
                String direction,
                Map<String, ?> orders,
                List<String> errors) {
            int from = number(offset, 0, "offset", 0, errors);
            int size = number(limit, DEFAULT_LIMIT, "limit", 1, errors);
            String order = orderBy == null || orderBy.isBlank() ? null : canonical(orderBy.trim(), orders.keySet());
            if (orderBy != null && !orderBy.isBlank() && order == null) {
                errors.add("orderBy must be one of " + new TreeSet<>(orders.keySet()) + ".");
            }
            boolean descending = order != null;
            if (direction != null && !direction.isBlank()) {
                switch (direction.trim().toLowerCase(Locale.ROOT)) {
                    case "ascending", "asc" -> descending = false;
                    case "descending", "desc" -> descending = true;
                    default -> errors.add("direction must be Ascending or Descending.");
                }
            }
            return new Page(from, size, order, descending);
        }

        /** The page as the stores read it in SQL. */
        org.statehub.gateway.persistence.ListPage rows() {
            return new org.statehub.gateway.persistence.ListPage(orderBy, descending, limit, offset);
        }

        /** The page of {@code items} (in id order), sorted as asked with one of {@code orders}. */
        <T> List<T> of(List<T> items, Map<String, Comparator<T>> orders) {
            List<T> sorted = new ArrayList<>(items);
            if (orderBy != null) {
                Comparator<T> order = orders.get(orderBy);
                sorted.sort(descending ? order.reversed() : order);
            } else if (descending) {
                sorted = sorted.reversed();
            }
            return sorted.subList(
                    Math.min(offset, sorted.size()), (int) Math.min((long) offset + limit, sorted.size()));
        }
    }

    /** The paging and order parameters every list takes ({@code @BeanParam}). */
    public static class PageQuery {

        @jakarta.ws.rs.QueryParam("offset")
        String offset;

        @jakarta.ws.rs.QueryParam("limit")
        String limit;

        @jakarta.ws.rs.QueryParam("orderBy")
        String orderBy;

        @jakarta.ws.rs.QueryParam("direction")
        String direction;

        /** The page asked for, the order one of {@code orders}; findings go into {@code errors}. */
        Page page(Map<String, ?> orders, List<String> errors) {
            return Page.of(offset, limit, orderBy, direction, orders, errors);
        }
    }

    /**
     * A list request as read: its page, its {@code id} filter (null: none) and every finding of its parameters, so a
     * list answers all of them at once ({@link #answer}) or reads its page.
     */
    record Listing(Page page, Integer id, List<String> errors) {

        /** The page and {@code id} asked for, the order one of {@code orders}; findings are kept. */
        static Listing of(PageQuery query, String id, Map<String, ?> orders) {
            List<String> errors = new ArrayList<>();
            Page page = query.page(orders, errors);
            OptionalInt one = idParameter(id, "id", errors);
            return new Listing(page, one.isPresent() ? one.getAsInt() : null, errors);
        }

        /** The ids of a comma-separated parameter ({@code ids}), each a finding when it is not a positive integer. */
        List<Integer> ids(String text, String name) {
            java.util.Set<Integer> wanted = new TreeSet<>();
            for (String part : (text == null ? "" : text).split(",")) {
                if (!part.isBlank()) {
                    idParameter(part, name, errors).ifPresent(wanted::add);
                }
            }
            return List.copyOf(wanted);
        }

        /** The page as the stores read it in SQL. */
        org.statehub.gateway.persistence.ListPage rows() {
            return page.rows();
        }

        /** 400 problem details with every finding, or 200 with the list {@code body} reads. */
        jakarta.ws.rs.core.Response answer(java.util.function.Supplier<?> body) {
            if (!errors.isEmpty()) {
                return org.statehub.http.ProblemResponses.of(org.statehub.http.Problems.parameterValidation(errors));
            }
            return jakarta.ws.rs.core.Response.ok(body.get()).build();
        }
    }

    /**
     * The id a query parameter names, or empty when it is absent or not a positive integer (then a finding goes
     * into {@code errors}).
     */
    static OptionalInt idParameter(String text, String name, List<String> errors) {
        if (text == null) {
            return OptionalInt.empty();
        }
        OptionalInt number = id(text.trim());
        if (number.isEmpty()) {
            errors.add(name + " must be positive integers.");
        }
        return number;
    }

    /** The item a path's id names: empty when the id is not a positive integer or {@code find} has none of it. */
    static <T> java.util.Optional<T> found(String id, java.util.function.IntFunction<java.util.Optional<T>> find) {
        OptionalInt number = id(id);
        return number.isEmpty() ? java.util.Optional.empty() : find.apply(number.getAsInt());
    }

    /** The id of a path, or empty when it is not a positive integer (the item is then not found). */
    static OptionalInt id(String text) {
        try {
            int id = Integer.parseInt(text);
            return id > 0 ? OptionalInt.of(id) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Text PostgreSQL can store and a log shows as it is: no NUL or other control characters. */
    static boolean storable(String text) {
        return text.chars().noneMatch(Character::isISOControl);
    }

    /** Checks a required text member: present, not blank, storable, at most 255 characters. */
    static void requiredText(String value, String member, String name, Map<String, List<String>> errors) {
        if (value == null || value.isBlank()) {
            errors.put("$." + member, List.of(name + " is required."));
        } else if (!storable(value) || value.length() > 255) {
            errors.put("$." + member, List.of(name + " must be at most 255 characters, without control characters."));
        }
    }

    /** A text filter as the stores take it: trimmed, or null (no filter) when absent or blank. */
    static String filter(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static String canonical(String name, java.util.Set<String> names) {
        return names.stream().filter(n -> n.equalsIgnoreCase(name)).findFirst().orElse(null);
    }

    private static int number(String text, int absent, String name, int least, List<String> errors) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= least) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(name + " must be an integer of at least " + least + ".");
        return absent;
    }
}
