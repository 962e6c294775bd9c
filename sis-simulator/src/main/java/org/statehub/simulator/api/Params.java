package org.statehub.simulator.api;

/** Query parameters, parsed so that a bad value is a 400 problem naming it (JAX-RS would answer 404). */
final class Params {

    private Params() {}

    static int integer(String name, String value, int otherwise, int min, int max) {
        if (value == null || value.isEmpty()) {
            return otherwise;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw Problems.badRequest(
                    name + " must be an integer between " + min + " and " + max + ", was '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw Problems.badRequest(name + " must be between " + min + " and " + max + ", was " + parsed);
        }
        return (int) parsed;
    }
}
