package org.statehub.feed.domain;

import java.util.Locale;

/**
 * A state kept in the database as a word: the constant's name in lower case, {@code _} as {@code -}
 * ({@code KEY_CHANGE} is {@code key-change}), the same strings the schema's comments list and SQL compares with.
 */
public interface Stored {

    String name();

    /** The word stored in the database. */
    default String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant stored as {@code value}. */
    static <E extends Enum<E> & Stored> E of(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.value().equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("No " + type.getSimpleName() + " is stored as '" + value + "'");
    }
}
